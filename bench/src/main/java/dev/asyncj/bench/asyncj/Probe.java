package dev.asyncj.bench.asyncj;

/**
 * Counts the sleepers of scenario 3 as they go to sleep and wake, and notes when the first and the
 * last did. Static fields, no per-coroutine state: the loop runs on one thread.
 */
public final class Probe {
  private Probe() {}

  static int expected;
  static int started;
  static int woken;
  static long firstStart;
  static long lastStart;
  static long firstWake;
  static long lastWake;

  /** Starts counting {@code n} sleepers. */
  public static void reset(int n) {
    expected = n;
    started = 0;
    woken = 0;
  }

  /** A sleeper is about to sleep. */
  public static void started() {
    long now = System.nanoTime();
    if (started++ == 0) {
      firstStart = now;
    }
    lastStart = now;
  }

  /** A sleeper woke. */
  public static void woke() {
    long now = System.nanoTime();
    if (woken++ == 0) {
      firstWake = now;
    }
    lastWake = now;
  }

  /** How many sleepers have gone to sleep. */
  public static int startedCount() {
    return started;
  }
}
