package dev.asyncj.demo;

import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * Example {@code sync}: blocking code waits for each thing in turn, about 10 s in all. Python:
 *
 * <pre>{@code
 * import time
 *
 * def download_file():
 *     print("开始下载...")
 *     time.sleep(5)
 *     print("下载完成!")
 *
 * def print_numbers():
 *     for i in range(1, 6):
 *         print(i)
 *         time.sleep(1)
 *
 * start = time.time()
 * download_file()
 * print_numbers()
 * print(f"总耗时: {time.time() - start:.2f} 秒")
 * }</pre>
 *
 * <p>No asyncj here: this is the "before" picture that {@link AsyncDownload} improves on.
 */
final class SyncDownload {
  /** Blocks the calling thread. Python: {@code time.sleep(seconds)}. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(double seconds) throws InterruptedException;
  }

  /** The real {@code time.sleep}: {@link Thread#sleep}, which blocks the whole thread. */
  static final Sleeper THREAD_SLEEP = seconds -> Thread.sleep(Math.round(seconds * 1000));

  /** The real {@code time.time()}, in seconds (monotonic: only differences mean anything). */
  static final DoubleSupplier NANO_TIME = () -> System.nanoTime() / 1e9;

  // Injected so that a test can count the requested sleeps instead of waiting 10 s for them.
  final Sleeper sleeper;
  final DoubleSupplier clock;

  SyncDownload(Sleeper sleeper, DoubleSupplier clock) {
    this.sleeper = sleeper;
    this.clock = clock;
  }

  void downloadFile() throws InterruptedException {
    System.out.println("开始下载...");
    sleeper.sleep(5);
    System.out.println("下载完成!");
  }

  void printNumbers() throws InterruptedException {
    for (int i = 1; i <= 5; i++) {
      System.out.println(i);
      sleeper.sleep(1);
    }
  }

  /** Runs both, one after the other, and prints and returns the elapsed seconds. */
  double main() throws InterruptedException {
    double start = clock.getAsDouble();
    downloadFile();
    printNumbers();
    double elapsed = clock.getAsDouble() - start;
    // Locale.ROOT: Python always writes "10.00", never the "10,00" of some default locales.
    System.out.println(String.format(Locale.ROOT, "总耗时: %.2f 秒", elapsed));
    return elapsed;
  }
}
