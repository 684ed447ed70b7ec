package dev.asyncj.demo;

import static dev.asyncj.Asyncio.done;
import static dev.asyncj.Asyncio.getRunningLoop;

import dev.asyncj.Async;
import dev.asyncj.Coroutine;

/**
 * Example {@code run}: {@code asyncio.run} is the way in from ordinary code: a new event loop, the
 * coroutine run to its end, the loop closed. Python:
 *
 * <pre>{@code
 * async def main():
 *     print("Hello")
 *     print("debug:", asyncio.get_running_loop().get_debug())
 *
 * asyncio.run(main())                  # debug: False
 * asyncio.run(main(), debug=True)      # debug: True
 * }</pre>
 */
final class RunMain {
  private RunMain() {}

  @Async
  static Coroutine<Void> main() {
    System.out.println("Hello");
    System.out.println("debug: " + Py.str(getRunningLoop().getDebug()));
    return done();
  }

  static void show(AsyncioRun asyncioRun) {
    asyncioRun.run(main(), false); // Asyncio.run(main())
    asyncioRun.run(main(), true); // Asyncio.run(main(), true): Python's debug=True
  }
}
