package dev.asyncj.bench.cf;

import static java.util.concurrent.CompletableFuture.completedFuture;

import dev.asyncj.bench.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * The hand-written {@code CompletableFuture} side: what a Java 17 user writes without async/await,
 * continuations passed to {@code thenCompose}/{@code thenApply}. Shapes as in
 * shared/reference/baselines.md (rows 3a, 3c, 3e).
 */
public final class CfCode {
  private CfCode() {}

  /** A call that is already done. */
  static CompletableFuture<Integer> one() {
    return completedFuture(1);
  }

  /**
   * Scenario 1 (3a): {@code f = f.thenCompose(x -> one())}, n times: the hand-written form of
   * awaiting a call that is already done.
   */
  public static int thenComposeLoop(int n) {
    CompletableFuture<Integer> f = one();
    for (int i = 0; i < n; i++) {
      f = f.thenCompose(x -> one());
    }
    return f.join();
  }

  /**
   * {@code sleep} as a Java user writes it without a loop: the JDK's one delayer thread fires the
   * timer and runs the continuations ({@code Runnable::run}).
   */
  static CompletableFuture<Void> sleep(long millis) {
    return CompletableFuture.runAsync(
        () -> {}, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS, Runnable::run));
  }

  /** Scenario 3 (3c): n × {@code sleep(ms).thenApply(v -> 1)}, then {@code allOf(...).join()}. */
  static void sleepers(int n, long millis) {
    long t0 = System.nanoTime();
    List<CompletableFuture<Integer>> futures = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      futures.add(sleep(millis).thenApply(v -> 1));
    }
    long scheduled = System.nanoTime();
    CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
    int sum = 0;
    for (CompletableFuture<Integer> f : futures) {
      sum += f.join();
    }
    long t1 = System.nanoTime();
    Report.create()
        .put("n", n)
        .put("sum", sum)
        .seconds("suspended", scheduled - t0)
        .seconds("run_wall", t1 - t0)
        .print();
  }

  /** Scenario 3, memory: n pending futures (10 min); live heap per future after a full GC. */
  static void sleepersLive(int n) {
    long before = Report.liveHeapBytes();
    List<CompletableFuture<Integer>> futures = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      futures.add(sleep(600_000).thenApply(v -> 1));
    }
    long after = Report.liveHeapBytes();
    Report.create()
        .put("n", n)
        .put("pending", futures.get(n - 1).isDone() ? 0 : 1)
        .put("live_heap_per_task", (after - before) / (double) n)
        .print();
    Runtime.getRuntime().halt(0);
  }

  /**
   * Scenario 4: n trivial {@code supplyAsync(() -> 1, commonPool())}, then {@code allOf}; the first
   * round (cold) and the median of the others (warm). The pool is named because on a 2-core machine
   * the common pool's parallelism is 1, and then plain {@code supplyAsync(() -> 1)} starts a new
   * platform thread per task (CompletableFuture's ThreadPerTaskExecutor): measured here, 21 s for
   * 100,000 tasks. Named, it is not much better (24-36 s: its one worker is parked and unparked for
   * every task), so bench/run.py leaves this mode out; it is kept to show the pathology.
   */
  static void fanOut(int n, int rounds) {
    double[] times = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      List<CompletableFuture<Integer>> futures = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        futures.add(CompletableFuture.supplyAsync(() -> 1, ForkJoinPool.commonPool()));
      }
      CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
      int sum = 0;
      for (CompletableFuture<Integer> f : futures) {
        sum += f.join();
      }
      times[r] = (System.nanoTime() - t0) / 1e9;
      if (sum != n) {
        throw new AssertionError(sum);
      }
    }
    Report.create()
        .put("n", n)
        .put("cold", times[0])
        .put("warm", rounds > 1 ? Report.median(java.util.Arrays.copyOfRange(times, 1, rounds)) : 0)
        .print();
  }

  // ---- 5. the tutorial, with hand-written continuations

  static CompletableFuture<Void> downloadFile() {
    System.out.println("开始下载...");
    return sleep(5000).thenRun(() -> System.out.println("下载完成!"));
  }

  static CompletableFuture<Void> printNumbers(int i) {
    if (i > 5) {
      return completedFuture(null);
    }
    System.out.println(i);
    return sleep(1000).thenCompose(v -> printNumbers(i + 1));
  }

  static void tutorial() {
    long t0 = System.nanoTime();
    CompletableFuture.allOf(downloadFile(), printNumbers(1)).join();
    Report.create().seconds("run_wall", System.nanoTime() - t0).print();
  }

  /** {@code sleepers N SECONDS}, {@code sleepers-live N}, {@code fanout N ROUNDS}, {@code tutorial}. */
  public static void main(String[] args) {
    switch (args[0]) {
      case "sleepers":
        sleepers(Integer.parseInt(args[1]), (long) (Double.parseDouble(args[2]) * 1000));
        break;
      case "sleepers-live":
        sleepersLive(Integer.parseInt(args[1]));
        break;
      case "fanout":
        fanOut(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        break;
      case "tutorial":
        tutorial();
        break;
      default:
        throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }
}
