package dev.asyncj.demo;

import static dev.asyncj.Asyncio.done;
import static dev.asyncj.Asyncio.gather;
import static dev.asyncj.Asyncio.getRunningLoop;
import static dev.asyncj.Asyncio.sleep;

import dev.asyncj.Async;
import dev.asyncj.Await;
import dev.asyncj.Coroutine;
import java.util.Locale;

/**
 * Example {@code async}: the same work as {@link SyncDownload}, but the waits overlap, so it takes
 * about 5 s instead of 10. Python:
 *
 * <pre>{@code
 * import asyncio
 *
 * async def download_file():
 *     print("开始下载...")
 *     await asyncio.sleep(5)
 *     print("下载完成!")
 *
 * async def print_numbers():
 *     for i in range(1, 6):
 *         print(i)
 *         await asyncio.sleep(1)
 *
 * async def main():
 *     start = asyncio.get_running_loop().time()
 *     await asyncio.gather(download_file(), print_numbers())
 *     print(f"总耗时: {asyncio.get_running_loop().time() - start:.2f} 秒")
 *
 * asyncio.run(main())
 * }</pre>
 */
final class AsyncDownload {
  private AsyncDownload() {}

  @Async
  static Coroutine<Void> downloadFile() {
    System.out.println("开始下载...");
    Await.of(sleep(5)); // gives the loop back: printNumbers runs meanwhile
    System.out.println("下载完成!");
    return done();
  }

  @Async
  static Coroutine<Void> printNumbers() {
    for (int i = 1; i <= 5; i++) {
      System.out.println(i);
      Await.of(sleep(1));
    }
    return done();
  }

  /** Runs both at once; prints and returns the elapsed seconds. */
  @Async
  static Coroutine<Double> amain() {
    // The loop's clock, not System.nanoTime(): on a test's virtual clock it reads exactly 5.0.
    double start = getRunningLoop().time();
    Await.of(gather(downloadFile(), printNumbers()));
    double elapsed = getRunningLoop().time() - start;
    // Locale.ROOT: Python always writes "5.00", never the "5,00" of some default locales.
    System.out.println(String.format(Locale.ROOT, "总耗时: %.2f 秒", elapsed));
    return done(elapsed);
  }

  static void show(AsyncioRun asyncioRun) {
    asyncioRun.run(amain(), false);
  }
}
