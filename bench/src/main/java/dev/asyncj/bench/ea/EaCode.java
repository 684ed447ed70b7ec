package dev.asyncj.bench.ea;

import static com.ea.async.Async.await;
import static java.util.concurrent.CompletableFuture.completedFuture;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The EA Async side: methods returning {@code CompletableFuture} that call {@code await(f)}, as EA
 * Async's README writes them. This package is compiled with {@code --release 11} and rewritten at
 * build time by EA Async's instrumenter (see bench/pom.xml), because EA Async 1.2.3 (ASM 7.1) cannot
 * read Java 17 class files ("Unsupported class file major version 61"); it reads up to Java 13's.
 * It may use nothing of the other bench packages (Java 17 class files).
 */
public final class EaCode {
  private EaCode() {}

  // ---- 1. await fast path

  static CompletableFuture<Integer> one() {
    return completedFuture(1);
  }

  /** Awaits {@link #one()} (already done) {@code n} times. */
  public static CompletableFuture<Long> awaitLoop(int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += await(one());
    }
    return completedFuture(sum);
  }

  // ---- 3. many sleepers

  /** The same sleep as the CompletableFuture contender's: the JDK's delayer thread. */
  static CompletableFuture<Void> sleep(long millis) {
    return CompletableFuture.runAsync(
        () -> {}, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS, Runnable::run));
  }

  static CompletableFuture<Integer> sleeper(long millis) {
    await(sleep(millis));
    return completedFuture(1);
  }

  static void sleepers(int n, long millis) {
    long t0 = System.nanoTime();
    List<CompletableFuture<Integer>> futures = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      futures.add(sleeper(millis));
    }
    long scheduled = System.nanoTime();
    CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
    int sum = 0;
    for (CompletableFuture<Integer> f : futures) {
      sum += f.join();
    }
    long t1 = System.nanoTime();
    print("\"n\": " + n + ", \"sum\": " + sum
        + ", \"suspended\": " + seconds(scheduled - t0) + ", \"run_wall\": " + seconds(t1 - t0));
  }

  static void sleepersLive(int n) {
    long before = liveHeapBytes();
    List<CompletableFuture<Integer>> futures = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      futures.add(sleeper(600_000));
    }
    long after = liveHeapBytes();
    print("\"n\": " + n + ", \"pending\": " + (futures.get(n - 1).isDone() ? 0 : 1)
        + ", \"live_heap_per_task\": " + (after - before) / (double) n);
    Runtime.getRuntime().halt(0);
  }

  // ---- 5. the tutorial

  static CompletableFuture<Void> downloadFile() {
    System.out.println("开始下载...");
    await(sleep(5000));
    System.out.println("下载完成!");
    return completedFuture(null);
  }

  static CompletableFuture<Void> printNumbers() {
    for (int i = 1; i <= 5; i++) {
      System.out.println(i);
      await(sleep(1000));
    }
    return completedFuture(null);
  }

  static void tutorial() {
    long t0 = System.nanoTime();
    CompletableFuture.allOf(downloadFile(), printNumbers()).join();
    print("\"run_wall\": " + seconds(System.nanoTime() - t0));
  }

  // ---- reporting (a copy of dev.asyncj.bench.Report, whose class file is Java 17's)

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.9g", nanos / 1e9);
  }

  private static void print(String figures) {
    System.out.println("RESULT {" + figures + "}");
    System.out.flush();
  }

  private static long liveHeapBytes() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** {@code sleepers N SECONDS}, {@code sleepers-live N}, {@code tutorial}. */
  public static void main(String[] args) {
    if (args[0].equals("sleepers")) {
      sleepers(Integer.parseInt(args[1]), (long) (Double.parseDouble(args[2]) * 1000));
    } else if (args[0].equals("sleepers-live")) {
      sleepersLive(Integer.parseInt(args[1]));
    } else if (args[0].equals("tutorial")) {
      tutorial();
    } else {
      throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }
}
