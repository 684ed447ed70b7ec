package dev.asyncj.bench.vt;

import dev.asyncj.bench.Report;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The virtual-thread side of the whole-process scenarios, written the way a Java user writes it
 * today (JEP 444's own example: a virtual-thread-per-task executor, blocking calls). Modes: {@code
 * sleepers N SECONDS}, {@code sleepers-live N}, {@code fanout N ROUNDS}, {@code tutorial}.
 */
public final class VtMain {
  private VtMain() {}

  /** Scenario 3 (2c): n × {@code submit(() -> { Thread.sleep(ms); return 1; })}, close() waits. */
  static void sleepers(int n, long millis) throws Exception {
    long t0 = System.nanoTime();
    List<Future<Integer>> futures = new ArrayList<>(n);
    long submitted;
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < n; i++) {
        futures.add(executor.submit(() -> {
          Thread.sleep(millis);
          return 1;
        }));
      }
      submitted = System.nanoTime();
    }
    int sum = 0;
    for (Future<Integer> f : futures) {
      sum += f.get();
    }
    long t1 = System.nanoTime();
    Report.create()
        .put("n", n)
        .put("sum", sum)
        .seconds("suspended", submitted - t0)
        .seconds("run_wall", t1 - t0)
        .print();
  }

  /** Scenario 3, memory: n virtual threads in Thread.sleep(10 min); live heap per thread. */
  static void sleepersLive(int n) throws Exception {
    long before = Report.liveHeapBytes();
    var asleep = new AtomicInteger();
    var executor = Executors.newVirtualThreadPerTaskExecutor();
    List<Future<Integer>> futures = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      futures.add(executor.submit(() -> {
        asleep.incrementAndGet();
        Thread.sleep(600_000);
        return 1;
      }));
    }
    while (asleep.get() < n) {
      Thread.sleep(10);
    }
    Thread.sleep(200); // the last ones from their count to their sleep
    long after = Report.liveHeapBytes();
    Report.create()
        .put("n", n)
        .put("pending", futures.get(n - 1).isDone() ? 0 : 1)
        .put("live_heap_per_task", (after - before) / (double) n)
        .print();
    Runtime.getRuntime().halt(0);
  }

  /** Scenario 4 (2d): n trivial callables on the per-task executor, all awaited. */
  static void fanOut(int n, int rounds) throws Exception {
    double[] times = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      List<Future<Integer>> futures = new ArrayList<>(n);
      try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < n; i++) {
          futures.add(executor.submit(() -> 1));
        }
      }
      int sum = 0;
      for (Future<Integer> f : futures) {
        sum += f.get();
      }
      times[r] = (System.nanoTime() - t0) / 1e9;
      if (sum != n) {
        throw new AssertionError(sum);
      }
    }
    Report.create()
        .put("n", n)
        .put("cold", times[0])
        .put("warm", rounds > 1 ? Report.median(Arrays.copyOfRange(times, 1, rounds)) : 0)
        .print();
  }

  // ---- scenario 5, the tutorial

  static void downloadFile() throws InterruptedException {
    System.out.println("开始下载...");
    Thread.sleep(5000);
    System.out.println("下载完成!");
  }

  static void printNumbers() throws InterruptedException {
    for (int i = 1; i <= 5; i++) {
      System.out.println(i);
      Thread.sleep(1000);
    }
  }

  static void tutorial() {
    long t0 = System.nanoTime();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      executor.submit(() -> {
        downloadFile();
        return null;
      });
      executor.submit(() -> {
        printNumbers();
        return null;
      });
    }
    Report.create().seconds("run_wall", System.nanoTime() - t0).print();
  }

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "sleepers" -> sleepers(Integer.parseInt(args[1]), (long) (Double.parseDouble(args[2]) * 1000));
      case "sleepers-live" -> sleepersLive(Integer.parseInt(args[1]));
      case "fanout" -> fanOut(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
      case "tutorial" -> tutorial();
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }
}
