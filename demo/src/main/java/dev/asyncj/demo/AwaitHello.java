package dev.asyncj.demo;

import static dev.asyncj.Asyncio.done;
import static dev.asyncj.demo.Hello.hello;

import dev.asyncj.Async;
import dev.asyncj.Await;
import dev.asyncj.Coroutine;

/**
 * Example {@code await}: awaiting a coroutine runs it and gives its return value. Python:
 *
 * <pre>{@code
 * async def main():
 *     result = await hello()      # prints "Hello"
 *     print("结果:", result)       # 结果: World
 *
 * asyncio.run(main())
 * }</pre>
 */
final class AwaitHello {
  private AwaitHello() {}

  @Async
  static Coroutine<String> main() {
    String result = Await.of(hello());
    System.out.println("结果: " + result);
    return done(result);
  }

  static void show(AsyncioRun asyncioRun) {
    asyncioRun.run(main(), false);
  }
}
