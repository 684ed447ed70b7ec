package dev.asyncj.bench;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one line a whole-process benchmark prints for bench/run.py: {@code RESULT {"run_wall":
 * 1.02, ...}}, times in seconds, sizes in bytes. The EA Async programs (Java 8 class files) have
 * their own copy of this, since they cannot call Java 17 classes.
 */
public final class Report {
  private final Map<String, Object> figures = new LinkedHashMap<>();

  private Report() {}

  /** A new, empty report. */
  public static Report create() {
    return new Report();
  }

  /** Adds a figure. */
  public Report put(String name, double value) {
    figures.put(name, value);
    return this;
  }

  /** Adds a duration given in nanoseconds, as seconds. */
  public Report seconds(String name, long nanos) {
    return put(name, nanos / 1e9);
  }

  /** Prints the line and flushes. */
  public void print() {
    StringBuilder line = new StringBuilder("RESULT {");
    String separator = "";
    for (Map.Entry<String, Object> figure : figures.entrySet()) {
      line.append(separator).append('"').append(figure.getKey()).append("\": ");
      line.append(String.format(Locale.ROOT, "%.9g", (Double) figure.getValue()));
      separator = ", ";
    }
    System.out.println(line.append('}'));
    System.out.flush();
  }

  /**
   * Heap in use after a full collection: the live data. {@code System.gc()} is a full, stop-the-world
   * collection with G1's default settings.
   */
  public static long liveHeapBytes() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Median of {@code values} (sorted in place). */
  public static double median(double[] values) {
    java.util.Arrays.sort(values);
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }
}
