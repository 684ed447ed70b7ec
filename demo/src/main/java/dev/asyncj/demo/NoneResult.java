package dev.asyncj.demo;

import static dev.asyncj.Asyncio.done;

import dev.asyncj.Async;
import dev.asyncj.Await;
import dev.asyncj.Coroutine;

/**
 * Example {@code none}: a coroutine that returns nothing gives {@code None}. Python:
 *
 * <pre>{@code
 * async def greet():
 *     print("你好")
 *
 * async def main():
 *     result = await greet()
 *     print(result)               # None
 *
 * asyncio.run(main())
 * }</pre>
 */
final class NoneResult {
  private NoneResult() {}

  /** Java needs {@code return done();} where Python just falls off the end. */
  @Async
  static Coroutine<Void> greet() {
    System.out.println("你好");
    return done();
  }

  @Async
  static Coroutine<Void> main() {
    Void result = Await.of(greet()); // Java's null: a Void has no other value
    System.out.println(Py.str(result));
    System.out.println("(Java's null, which Python prints as None)");
    return done();
  }

  static void show(AsyncioRun asyncioRun) {
    asyncioRun.run(main(), false);
  }
}
