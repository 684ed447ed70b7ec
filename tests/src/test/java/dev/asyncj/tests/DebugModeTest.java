package dev.asyncj.tests;

import static dev.asyncj.Asyncio.createTask;
import static dev.asyncj.Asyncio.done;
import static dev.asyncj.Asyncio.gather;
import static dev.asyncj.Asyncio.getRunningLoop;
import static dev.asyncj.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncj.Async;
import dev.asyncj.Await;
import dev.asyncj.Coroutine;
import dev.asyncj.EventLoop;
import dev.asyncj.Future;
import dev.asyncj.Task;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Diagnostics: exceptions never retrieved (at loop close, and when the failed future is
 * collected), slow steps in debug mode, coroutines never awaited, and how debug mode is turned on.
 * Ports of the catalogue's DIAG, CORO-02/03 and RUN-07 cases and of CPython's test_futures.py /
 * test_base_events.py.
 */
class DebugModeTest {
  final List<Object> log = new ArrayList<>();

  void collect(EventLoop loop) {
    loop.setExceptionHandler((l, context) -> log.add(context.get("message") + " | " + context.get("exception")));
  }

  @Async
  Coroutine<Void> failing(String message) {
    throw new IllegalArgumentException(message);
  }

  @Async
  Coroutine<Void> dropsAFailedTask() {
    collect(getRunningLoop());
    createTask(failing("lost"));
    Await.of(sleep(0));
    return done();
  }

  /**
   * DIAG-01: a failed task whose exception nobody retrieved is reported to the exception handler,
   * at the latest when the loop closes.
   */
  @Test
  void anExceptionNeverRetrievedIsReportedWhenTheLoopCloses() {
    Virtual.run(dropsAFailedTask());
    assertEquals(List.of("Task exception was never retrieved | java.lang.IllegalArgumentException: lost"), log);
  }

  @Async
  Coroutine<Void> dropsAndCollects() {
    collect(getRunningLoop());
    createTask(failing("collected"));
    Await.of(sleep(0));
    // The task is referenced by nobody now: once the GC clears it, the loop reports it.
    for (int i = 0; i < 50 && log.isEmpty(); i++) {
      System.gc();
      Await.of(sleep(0));
    }
    log.add(0, "before close: " + !log.isEmpty());
    return done();
  }

  /** DIAG-01 (Python's moment): reported when the failed task is garbage-collected. */
  @Test
  void anExceptionNeverRetrievedIsReportedWhenTheTaskIsCollected() {
    Virtual.run(dropsAndCollects());
    assertEquals(
        List.of("before close: true", "Task exception was never retrieved | java.lang.IllegalArgumentException: collected"),
        log);
  }

  @Async
  Coroutine<Void> retrievedOnes() {
    collect(getRunningLoop());
    Task<Void> t = createTask(failing("seen"));
    Await.of(sleep(0));
    t.exception();
    Task<Void> awaited = createTask(failing("awaited"));
    try {
      Await.of(awaited);
    } catch (IllegalArgumentException expected) {
      // retrieved by the await
    }
    Task<Void> cancelledAfter = createTask(failing("cancel() on a done task"));
    Await.of(sleep(0));
    cancelledAfter.cancel();
    Future<Void> f = getRunningLoop().createFuture();
    f.setException(new IllegalStateException("f"));
    return done();
  }

  /**
   * DIAG-02: no report once the exception was retrieved (exception(), an await, or cancel() on the
   * done task, as in Python); a plain future reads "Future exception was never retrieved".
   */
  @Test
  void retrievedExceptionsAreNotReported_andAFutureSaysFuture() {
    Virtual.run(retrievedOnes());
    assertEquals(List.of("Future exception was never retrieved | java.lang.IllegalStateException: f"), log);
  }

  @Async
  Coroutine<String> after(double delay, RuntimeException e) {
    Await.of(sleep(delay));
    if (e != null) {
      throw e;
    }
    return done("slow");
  }

  @Async
  Coroutine<Void> gatherSwallows() {
    collect(getRunningLoop());
    try {
      Await.of(gather(after(0.3, null), after(0.1, new IllegalArgumentException("first")),
          after(0.2, new IllegalStateException("second"))));
    } catch (IllegalArgumentException e) {
      log.add("caught " + e.getMessage() + " at " + getRunningLoop().time());
    }
    Await.of(sleep(0.3));
    return done();
  }

  /**
   * GATHER-03: the first failure fails the gather at once; the others keep running, and a later
   * failure is swallowed: not reported as never retrieved.
   */
  @Test
  void gatherFailsAtTheFirstException_andSwallowsTheLaterOnes() {
    Virtual.run(gatherSwallows());
    assertEquals(List.of("caught first at 0.1"), log);
  }

  @Async
  Coroutine<Void> hog() {
    return done();
  }

  @Async
  Coroutine<Void> slowSteps() {
    getRunningLoop().setSlowCallbackDuration(0); // every step is "slow": no real time needed
    Await.of(createTask(hog(), "hog"));
    return done();
  }

  static final Pattern SLOW =
      Pattern.compile("(?m)^Executing <Task finished name='hog' coro=<coroutine object DebugModeTest\\.hog at 0x[0-9a-f]+> result=None> took \\d+\\.\\d{3} seconds$");

  /**
   * DIAG-03: in debug mode, a step slower than slow_callback_duration is reported as asyncio
   * reports it (the threshold set to 0, so the test needs no slow step).
   */
  @Test
  void debugModeReportsSlowSteps() {
    String err = Virtual.stderrOf(() -> Virtual.runDebug(slowSteps()));
    assertTrue(SLOW.matcher(err).find(), err);
  }

  @Async
  Coroutine<Void> slowCallback(double threshold) {
    EventLoop loop = getRunningLoop();
    loop.setSlowCallbackDuration(threshold);
    loop.callSoon(() -> log.add("callback ran"));
    Await.of(sleep(0));
    return done();
  }

  /** The report of a plain callback: the Handle, the class that wrote it, where it was scheduled. */
  static final Pattern SLOW_CALLBACK =
      Pattern.compile("(?m)^Executing <Handle dev\\.asyncj\\.tests\\.DebugModeTest\\$slowCallback\\$\\$Lambda[^ >]*"
          + " created at dev\\.asyncj\\.tests\\.DebugModeTest\\.slowCallback\\(DebugModeTest\\.java:\\d+\\)>"
          + " took \\d+\\.\\d{3} seconds$");

  /**
   * DIAG-03 for a callback rather than a task step: a call_soon callback slower than
   * slow_callback_duration is reported as asyncio reports it, {@code Executing <Handle ... created at
   * file:line> took 0.xxx seconds}, the Handle naming where the culprit was scheduled (asyncio's
   * debug-mode repr of a Handle). The threshold 0 makes every callback slow, and one a thousand
   * seconds long makes none slow: no real time is needed either way.
   */
  @Test
  void debugModeReportsASlowCallbackWithWhereItWasScheduled() {
    String err = Virtual.stderrOf(() -> Virtual.runDebug(slowCallback(0)));
    assertEquals(1, SLOW_CALLBACK.matcher(err).results().count(), err);
    assertEquals(List.of("callback ran"), log);
    log.clear();
    String quiet = Virtual.stderrOf(() -> Virtual.runDebug(slowCallback(1000)));
    assertEquals("", quiet);
    assertEquals(List.of("callback ran"), log);
  }

  /** DIAG-04: without debug mode, nothing is reported. */
  @Test
  void withoutDebugModeSlowStepsAreNotReported() {
    String err = Virtual.stderrOf(() -> Virtual.run(slowSteps()));
    assertEquals("", err);
  }

  @Async
  Coroutine<Void> neverAwaited() {
    log.add("body ran");
    return done();
  }

  @Async
  Coroutine<Void> forgets() {
    neverAwaited();
    return done();
  }

  /** CORO-02/03: debug mode reports a coroutine never awaited, with where it was created. */
  @Test
  void debugModeReportsACoroutineNeverAwaited() {
    String err = Virtual.stderrOf(() -> Virtual.runDebug(forgets()));
    assertTrue(err.startsWith("RuntimeWarning: coroutine 'DebugModeTest.neverAwaited' was never awaited\n"
        + "Coroutine created at (most recent call last):\n"), err);
    assertEquals(List.of(), log);
  }

  /**
   * CORO-03: as in Python, the last frame of "Coroutine created at" is the line that called the
   * {@code @Async} method; the method itself, whose body never ran, is not a frame of it.
   */
  @Test
  void theCreationTraceEndsAtTheCallersLine() {
    String err = Virtual.stderrOf(() -> Virtual.runDebug(forgets()));
    List<String> frames =
        err.lines().dropWhile(line -> !line.startsWith("Coroutine created at")).skip(1)
            .takeWhile(line -> line.startsWith("  at ")).toList();
    assertFalse(frames.isEmpty(), err);
    assertTrue(frames.get(frames.size() - 1).startsWith(
        "  at dev.asyncj.tests.DebugModeTest.forgets(DebugModeTest.java:"), err);
    assertTrue(frames.stream().noneMatch(line -> line.contains(".neverAwaited(")), err);
  }

  @Async
  Coroutine<Void> dropsAFailedTaskInDebugMode() {
    createTask(failing("traced"));
    Await.of(sleep(0));
    return done();
  }

  /** Debug mode adds where the task was created to the never-retrieved report (source_traceback). */
  @Test
  void inDebugModeTheReportSaysWhereTheTaskWasCreated() {
    String err = Virtual.stderrOf(() -> Virtual.runDebug(dropsAFailedTaskInDebugMode()));
    assertTrue(err.startsWith("Task exception was never retrieved\nfuture: <Task finished name='Task-"), err);
    assertTrue(err.contains("\nsource_traceback: Object created at (most recent call last):\n"), err);
    assertTrue(err.contains("java.lang.IllegalArgumentException: traced"), err);
  }

  /**
   * RUN-07 / PYTHONASYNCIODEBUG: -Dasyncj.debug=true or a non-empty ASYNCJ_DEBUG turns debug mode
   * on for new loops; -Dasyncj.debug=false wins over the variable. (Child JVMs, read once.)
   */
  @Test
  void debugModeFollowsTheSystemPropertyAndTheEnvironment() throws Exception {
    assertEquals("debug=false", javaPrints(Map.of(), List.of()));
    assertEquals("debug=true", javaPrints(Map.of(), List.of("-Dasyncj.debug=true")));
    assertEquals("debug=true", javaPrints(Map.of("ASYNCJ_DEBUG", "1"), List.of()));
    assertEquals("debug=false", javaPrints(Map.of("ASYNCJ_DEBUG", "1"), List.of("-Dasyncj.debug=false")));
  }

  static String javaPrints(Map<String, String> env, List<String> options) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    command.addAll(options);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(DebugDefault.class.getName());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("ASYNCJ_DEBUG");
    builder.environment().putAll(env);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertFalse(out.isEmpty());
    return out;
  }
}
