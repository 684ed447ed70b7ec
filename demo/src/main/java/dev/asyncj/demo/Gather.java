package dev.asyncj.demo;

import static dev.asyncj.Asyncio.RETURN_EXCEPTIONS;
import static dev.asyncj.Asyncio.done;
import static dev.asyncj.Asyncio.gather;
import static dev.asyncj.Asyncio.getRunningLoop;
import static dev.asyncj.Asyncio.sleep;

import dev.asyncj.Async;
import dev.asyncj.Await;
import dev.asyncj.Coroutine;
import java.util.List;
import java.util.Locale;

/**
 * Example {@code gather}: several coroutines at once; the results come back in argument order,
 * whatever order they finish in. Python:
 *
 * <pre>{@code
 * async def task(name, seconds):
 *     print(f"{name} 开始")
 *     await asyncio.sleep(seconds)
 *     print(f"{name} 完成")
 *     return name
 *
 * async def failing(name, seconds):
 *     print(f"{name} 开始")
 *     await asyncio.sleep(seconds)
 *     raise ValueError(f"{name} 失败")
 *
 * async def main():
 *     results = await asyncio.gather(task("任务A", 3), task("任务B", 1), task("任务C", 2))
 *     print(results)              # ['任务A', '任务B', '任务C'], after 3 s, not 6
 *
 * async def main_fails():
 *     try:
 *         await asyncio.gather(task("任务A", 3), failing("任务B", 1), task("任务C", 2))
 *     except ValueError as e:
 *         print("捕获到异常:", e)   # 捕获到异常: 任务B 失败
 *
 * async def main_return_exceptions():
 *     results = await asyncio.gather(task("任务A", 3), failing("任务B", 1), task("任务C", 2),
 *                                    return_exceptions=True)
 *     print(results)              # ['任务A', ValueError('任务B 失败'), '任务C']
 * }</pre>
 *
 * <p>Java has no {@code ValueError}: the failing task throws {@link IllegalArgumentException}, the
 * standard Java exception for a bad value.
 */
final class Gather {
  private Gather() {}

  @Async
  static Coroutine<String> task(String name, double seconds) {
    System.out.println(name + " 开始");
    Await.of(sleep(seconds));
    System.out.println(name + " 完成");
    return done(name);
  }

  @Async
  static Coroutine<String> failing(String name, double seconds) {
    System.out.println(name + " 开始");
    Await.of(sleep(seconds));
    throw new IllegalArgumentException(name + " 失败");
  }

  /** All three succeed: prints and returns the results, in argument order. */
  @Async
  static Coroutine<List<String>> main() {
    double start = getRunningLoop().time();
    List<String> results = Await.of(gather(task("任务A", 3), task("任务B", 1), task("任务C", 2)));
    System.out.println(Py.str(results));
    double elapsed = getRunningLoop().time() - start;
    System.out.println(String.format(Locale.ROOT, "总耗时: %.2f 秒", elapsed));
    return done(results);
  }

  /**
   * One fails: gather fails with its exception as soon as it is thrown (the other two keep running
   * until {@code asyncio.run} cancels them).
   */
  @Async
  static Coroutine<List<String>> mainFails() {
    List<String> results =
        Await.of(gather(task("任务A", 3), failing("任务B", 1), task("任务C", 2)));
    System.out.println(Py.str(results)); // never reached
    return done(results);
  }

  /** One fails, with return-exceptions: the exception object takes the failed result's place. */
  @Async
  static Coroutine<List<Object>> mainReturnExceptions() {
    List<Object> results =
        Await.of(gather(RETURN_EXCEPTIONS, task("任务A", 3), failing("任务B", 1), task("任务C", 2)));
    System.out.println(Py.str(results));
    return done(results);
  }

  static void show(AsyncioRun asyncioRun) {
    System.out.println("-- all succeed: results in argument order");
    asyncioRun.run(main(), false);

    System.out.println("-- one fails: the exception reaches the awaiting caller");
    // TODO(asyncj#3): move this try/catch into an @Async method, around the Await.of(gather(...)),
    // as the Python does, once the processor supports try/catch across awaits.
    try {
      asyncioRun.run(mainFails(), false);
    } catch (IllegalArgumentException e) {
      System.out.println("捕获到异常: " + e.getMessage());
    }

    System.out.println("-- one fails, with RETURN_EXCEPTIONS: the exception is in the list");
    asyncioRun.run(mainReturnExceptions(), false);
  }
}
