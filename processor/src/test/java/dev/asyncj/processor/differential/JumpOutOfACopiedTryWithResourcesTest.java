package dev.asyncj.processor.differential;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Found by the differential test (seed 501724 on JDK 25, minimized by hand): a {@code return}
 * inside a try-with-resources that has no await, itself inside a try-with-resources whose resource
 * was awaited. The copied return set {@code state} to the outer closing's state before the inner
 * resource closed; its close() threw, and the exception was routed as if thrown by the closing of
 * the outer resource: r1 was never closed and its exception was not added as suppressed. Expected:
 * the sync twin's trace. Fixed in the processor by the commit that adds this test: a jump out of a
 * copied try with resources or a finally stores its target and breaks out of a labelled block, and
 * {@code state} changes only after that try has closed.
 */
class JumpOutOfACopiedTryWithResourcesTest {
  private static final String PROGRAM =
      """
      package gen;

      import dev.asyncj.*;
      import static dev.asyncj.Asyncio.*;

      public class Escape {
        final String tag;
        Escape(String tag) { this.tag = tag; }
        void log(String line) { System.out.println(tag + "| " + line); }

        static final class Res implements AutoCloseable {
          final Escape owner;
          final String name;
          Res(Escape owner, String name) {
            this.owner = owner; this.name = name; owner.log("open " + name);
          }
          @Override public void close() {
            owner.log("close " + name);
            throw new IllegalStateException("close " + name);
          }
        }
        @Async Coroutine<Res> open(String name) { Await.of(sleep(0)); return done(new Res(this, name)); }
        static String describe(Throwable e) {
          String s = e.getClass().getSimpleName() + ":" + e.getMessage();
          for (Throwable t : e.getSuppressed()) s += " +" + describe(t);
          return s;
        }

        @Async Coroutine<Integer> m0(int a) {
          BODY
          return done(-1);
        }

        static Coroutine<Integer> start(String tag, int a) { return new Escape(tag).m0(a); }
      }
      """;

  @Test
  void returnFromAnInnerTryWithResourcesWhoseCloseThrows() {
    String program =
        PROGRAM.replace(
            "BODY",
            """
            try {
                  try (Res r1 = Await.of(open("r1"))) {
                    try (Res r2 = new Res(this, "r2")) {
                      return done(a);
                    }
                  } finally {
                    log("finally");
                  }
                } catch (RuntimeException e) {
                  log("caught " + describe(e));
                }
            """);
    assertThat(Harness.asyncTrace(program, 4))
        .isEqualTo(
            """
            main| open r1
            main| open r2
            main| close r2
            main| close r1
            main| finally
            main| caught IllegalStateException:close r2 +IllegalStateException:close r1
            main| => result -1
            """);
  }

  /** The same with a break whose finally throws: the exception replaces the break, as in Java. */
  @Test
  void breakFromAnInnerTryWhoseFinallyThrows() {
    String program =
        PROGRAM.replace(
            "BODY",
            """
            for (int i = 0; i < 2; i++) {
                  try {
                    Await.of(sleep(0));
                    try {
                      if (i == 0) break;
                    } finally {
                      log("inner finally " + i);
                      if (a > 0) throw new IllegalArgumentException("inner " + i);
                    }
                  } catch (RuntimeException e) {
                    log("caught " + describe(e));
                  }
                }
                log("after the loop");
            """);
    assertThat(Harness.asyncTrace(program, 4))
        .isEqualTo(
            """
            main| inner finally 0
            main| caught IllegalArgumentException:inner 0
            main| inner finally 1
            main| caught IllegalArgumentException:inner 1
            main| after the loop
            main| => result -1
            """);
  }
}
