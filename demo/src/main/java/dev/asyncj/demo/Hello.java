package dev.asyncj.demo;

import static dev.asyncj.Asyncio.done;

import dev.asyncj.Async;
import dev.asyncj.Coroutine;

/**
 * Example {@code hello}: calling an async function runs none of its body; it only makes a coroutine
 * object. Python:
 *
 * <pre>{@code
 * async def hello():
 *     print("Hello")
 *     return "World"
 *
 * coro = hello()
 * print(coro)          # <coroutine object hello at 0x1b6d3586>; "Hello" is not printed
 *
 * async def main():
 *     hello()          # forgot the await: the coroutine is made and dropped
 *
 * asyncio.run(main(), debug=True)
 * # RuntimeWarning: coroutine 'hello' was never awaited
 * }</pre>
 */
final class Hello {
  private Hello() {}

  @Async
  static Coroutine<String> hello() {
    System.out.println("Hello");
    return done("World");
  }

  /** Calls {@link #hello()} and forgets to await it. */
  @Async
  static Coroutine<Void> main() {
    hello(); // a mistake on purpose: nothing runs, and debug mode reports it
    return done();
  }

  static void show(AsyncioRun asyncioRun) {
    Coroutine<String> coro = hello();
    System.out.println(coro);
    System.out.println("\"Hello\" was not printed: calling hello() made a coroutine object and ran"
        + " none of its body.");

    // Python warns when the forgotten coroutine is garbage-collected; Java has no such moment, so
    // asyncj's debug mode reports it when the loop closes, on standard error.
    System.out.println("Now main() calls hello() without awaiting it, in debug mode:");
    System.out.flush();
    asyncioRun.run(main(), true);
    System.err.flush();
    System.out.println("Above, on standard error: debug mode's report that the coroutine made by"
        + " hello() in main() was never awaited, so its body never ran.");
  }
}
