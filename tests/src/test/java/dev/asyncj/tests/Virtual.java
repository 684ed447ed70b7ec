package dev.asyncj.tests;

import dev.asyncj.Coroutine;
import dev.asyncj.EventLoop;
import dev.asyncj.Runner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Helpers of the behaviour tests: {@code asyncio.run} on the virtual clock, standard error captured. */
final class Virtual {
  private Virtual() {}

  /**
   * {@code Asyncio.run(main)} on a loop with the virtual clock: {@code asyncio.Runner(loop_factory=
   * ...)}, so leftover tasks are cancelled and the loop closed as {@code run} does.
   */
  static <T> T run(Coroutine<T> main) {
    try (Runner runner = new Runner(EventLoop::withVirtualClock)) {
      return runner.run(main);
    }
  }

  /** {@link #run(Coroutine)} in debug mode. */
  static <T> T runDebug(Coroutine<T> main) {
    try (Runner runner = new Runner(true, EventLoop::withVirtualClock)) {
      return runner.run(main);
    }
  }

  /** What {@link System#err} received while {@code action} ran. */
  static String stderrOf(Runnable action) {
    PrintStream saved = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.err.flush();
      System.setErr(saved);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
