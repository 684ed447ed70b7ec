package dev.asyncj.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.asyncj.processor.TestPrograms.runMain;

import org.junit.jupiter.api.Test;

/**
 * try, catch and finally with awaits in any of their blocks behave as Java's: each exception goes
 * to the first matching catch, a finally runs exactly once however the try is left, and
 * try-with-resources closes in reverse order with suppressed exceptions.
 */
class TryStatementsTest {
  private static final String LOG =
      """
      static StringBuilder log = new StringBuilder();

      static void log(Object what) {
        log.append(what).append(';');
      }

      @Async static Coroutine<Integer> fail(String message) {
        Await.of(sleep(1));
        throw new IllegalStateException(message);
      }

      @Async static Coroutine<Integer> value(int n) {
        Await.of(sleep(1));
        return done(n);
      }
      """;

  private static String logOf(String main) {
    TestPrograms.Run run = runMain(LOG + main + "\nstatic String log() { return log.toString(); }\n");
    if (run.thrown() != null) {
      return "threw " + run.thrown() + " after " + run.value();
    }
    return String.valueOf(run.value());
  }

  @Test
  void anExceptionOfAnAwaitedCoroutineIsCaughtByTheUsersCatch() {
    assertThat(
            logOf(
                """
                static IllegalStateException thrownByFail;

                @Async static Coroutine<String> main() {
                  try {
                    log("before");
                    Await.of(fail("boom"));
                    log("not reached");
                  } catch (IllegalStateException e) {
                    log("caught " + e.getMessage());
                  }
                  log("after");
                  return done(log.toString());
                }
                """))
        .isEqualTo("before;caught boom;after;");
  }

  @Test
  void awaitsInTryCatchAndFinallyBlocks() {
    assertThat(
            logOf(
                """
                @Async static Coroutine<String> main() {
                  try {
                    log(Await.of(value(1)));
                    Await.of(fail("first"));
                  } catch (IllegalStateException e) {
                    log(e.getMessage() + Await.of(value(2)));
                  } finally {
                    log("finally" + Await.of(value(3)));
                  }
                  return done(log.toString());
                }
                """))
        .isEqualTo("1;first2;finally3;");
  }

  @Test
  void theFirstMatchingCatchWinsAndMultiCatchMatchesEitherType() {
    assertThat(
            logOf(
                """
                @Async static Coroutine<Integer> throwing(int kind) {
                  Await.of(sleep(1));
                  if (kind == 0) {
                    throw new IllegalArgumentException("arg");
                  } else if (kind == 1) {
                    throw new UnsupportedOperationException("unsupported");
                  }
                  throw new IllegalStateException("state");
                }

                @Async static Coroutine<String> main() {
                  for (int kind = 0; kind < 3; kind++) {
                    try {
                      Await.of(throwing(kind));
                    } catch (IllegalArgumentException | UnsupportedOperationException e) {
                      log("multi " + e.getMessage());
                    } catch (RuntimeException e) {
                      log("runtime " + e.getMessage());
                    }
                  }
                  return done(log.toString());
                }
                """))
        .isEqualTo("multi arg;multi unsupported;runtime state;");
  }

  @Test
  void anUncaughtExceptionRunsTheFinallyAndReachesTheCaller() {
    TestPrograms.Run run =
        runMain(
            LOG
                + """
                @Async static Coroutine<String> inner() {
                  try {
                    Await.of(fail("deep"));
                    return done("no");
                  } catch (IllegalArgumentException e) {
                    log("wrong catch");
                    return done("no");
                  } finally {
                    log("inner finally");
                  }
                }

                @Async static Coroutine<String> main() {
                  try {
                    Await.of(inner());
                  } finally {
                    log("outer finally");
                  }
                  return done("no");
                }
                """);
    assertThat(run.thrown()).hasMessageThat().isEqualTo("deep");
    assertThat(run.output()).isEmpty();
  }

  @Test
  void returnBreakAndContinueRunEachFinallyOnceInOrder() {
    assertThat(
            logOf(
                """
                @Async static Coroutine<String> leave(int how) {
                  for (int i = 0; i < 2; i++) {
                    try {
                      try {
                        Await.of(sleep(1));
                        if (how == 0) {
                          return done("returned");
                        }
                        if (how == 1) {
                          break;
                        }
                        if (how == 2) {
                          continue;
                        }
                      } finally {
                        log("inner" + i);
                        Await.of(sleep(1));
                      }
                      log("body" + i);
                    } finally {
                      log("outer" + i);
                    }
                  }
                  return done("fell out");
                }

                @Async static Coroutine<String> main() {
                  for (int how = 0; how < 4; how++) {
                    log(Await.of(leave(how)));
                  }
                  return done(log.toString());
                }
                """))
        .isEqualTo(
            "inner0;outer0;returned;"
                + "inner0;outer0;fell out;"
                + "inner0;outer0;inner1;outer1;fell out;"
                + "inner0;body0;outer0;inner1;body1;outer1;fell out;");
  }

  @Test
  void aReturnInFinallyReplacesTheExceptionAsInJava() {
    assertThat(
            logOf(
                """
                @SuppressWarnings("finally")
                @Async static Coroutine<Integer> swallow() {
                  try {
                    Await.of(fail("lost"));
                  } finally {
                    Await.of(sleep(1));
                    return done(1337);
                  }
                }

                @Async static Coroutine<String> main() {
                  return done("" + Await.of(swallow()));
                }
                """))
        .isEqualTo("1337");
  }

  @Test
  void anExceptionInACatchBlockStillRunsTheFinally() {
    TestPrograms.Run run =
        runMain(
            LOG
                + """
                @Async static Coroutine<String> main() {
                  try {
                    Await.of(fail("first"));
                  } catch (IllegalStateException e) {
                    Await.of(sleep(1));
                    throw new IllegalArgumentException("from catch", e);
                  } finally {
                    log("finally");
                  }
                  return done("no");
                }

                @Async static Coroutine<String> check() {
                  try {
                    Await.of(main());
                  } catch (IllegalArgumentException e) {
                    return done(e.getMessage() + " caused by " + e.getCause().getMessage() + " " + log);
                  }
                  return done("no");
                }
                """.replace("static Coroutine<String> main()", "static Coroutine<String> first()")
                    .replace("Await.of(main())", "Await.of(first())")
                    .replace("static Coroutine<String> check()", "static Coroutine<String> main()"));
    assertThat(run.value()).isEqualTo("from catch caused by first finally;");
  }

  @Test
  void aTryCopiedAsItIsInsideALoopThatAwaits() {
    assertThat(
            logOf(
                """
                @Async static Coroutine<String> main() {
                  for (int i = 0; i < 3; i++) {
                    Await.of(sleep(1));
                    try {
                      if (i == 1) {
                        continue;
                      }
                      log(i);
                    } finally {
                      log("f" + i);
                    }
                  }
                  return done(log.toString());
                }
                """))
        .isEqualTo("0;f0;f1;2;f2;");
  }

  @Test
  void tryWithResourcesClosesInReverseOrderAfterAwaits() {
    assertThat(
            logOf(
                """
                static class Resource implements AutoCloseable {
                  final String name;

                  Resource(String name) {
                    this.name = name;
                    log("open " + name);
                  }

                  @Override
                  public void close() {
                    log("close " + name);
                  }
                }

                @Async static Coroutine<Resource> open(String name) {
                  Await.of(sleep(1));
                  return done(new Resource(name));
                }

                @Async static Coroutine<String> main() {
                  try (Resource a = Await.of(open("a")); Resource b = new Resource("b")) {
                    log("body " + a.name + b.name);
                    Await.of(sleep(1));
                    log("still open");
                  }
                  return done(log.toString());
                }
                """))
        .isEqualTo("open a;open b;body ab;still open;close b;close a;");
  }

  @Test
  void resourcesThatNameVariablesAreClosedToo() {
    assertThat(
            logOf(
                """
                static class Resource implements AutoCloseable {
                  final String name;

                  Resource(String name) {
                    this.name = name;
                  }

                  @Override
                  public void close() {
                    log("close " + name);
                  }
                }

                static final Resource SHARED = new Resource("shared");

                @Async static Coroutine<String> main() {
                  Resource a = new Resource("a");
                  Resource b = new Resource("b");
                  try (a; b ; Program.SHARED) {
                    Await.of(sleep(1));
                    log("body");
                  }
                  return done(log.toString());
                }
                """))
        .isEqualTo("body;close shared;close b;close a;");
  }

  /**
   * {@code try (r)} needs a final variable; a local kept across an await, or a parameter, is a
   * field of the state machine, where a try that does not await is copied as it is.
   */
  @Test
  void resourcesThatNameVariablesKeptAcrossAnAwait() {
    assertThat(
            logOf(
                """
                static class Resource implements AutoCloseable {
                  final String name;

                  Resource(String name) {
                    this.name = name;
                  }

                  @Override
                  public void close() {
                    log("close " + name);
                  }
                }

                @Async static Coroutine<String> use(Resource parameter, int which) {
                  Resource kept = new Resource("kept");
                  Await.of(sleep(1));
                  try (kept; parameter) {
                    log("body");
                  }
                  switch (which) {
                    case 1:
                      Resource grouped = new Resource("grouped");
                      Await.of(sleep(1));
                      try (grouped) {
                        Runnable inLambda = () -> {
                          try (grouped) {
                            log("lambda");
                          }
                        };
                        inLambda.run();
                      }
                      break;
                    default:
                      log("other");
                  }
                  return done(log.toString());
                }

                @Async static Coroutine<String> main() {
                  return done(Await.of(use(new Resource("parameter"), 1)));
                }
                """))
        .isEqualTo("body;close parameter;close kept;lambda;close grouped;close grouped;");
  }

  @Test
  void tryWithResourcesAddsCloseFailuresAsSuppressed() {
    TestPrograms.Run run =
        runMain(
            LOG
                + """
                static class Fragile implements AutoCloseable {
                  final String name;

                  Fragile(String name) {
                    this.name = name;
                  }

                  @Override
                  public void close() {
                    throw new IllegalStateException("close " + name);
                  }
                }

                @Async static Coroutine<String> main() {
                  try (Fragile a = new Fragile("a"); Fragile b = new Fragile("b")) {
                    Await.of(fail("body"));
                  } catch (IllegalStateException e) {
                    String suppressed = "";
                    for (Throwable s : e.getSuppressed()) {
                      suppressed += s.getMessage() + ",";
                    }
                    return done(e.getMessage() + " suppressed " + suppressed);
                  }
                  return done("no");
                }
                """);
    assertThat(run.value()).isEqualTo("body suppressed close b,close a,");
  }
}
