package dev.asyncj.processor.differential;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Found by the differential test (seed 11177, minimized by {@link Reducer}, then by hand): a
 * do-while without awaits whose body always leaves it through an outer label ({@code continue
 * outer;} / {@code break outer;}), inside a loop that awaits. Java accepts it (the do statement
 * cannot complete normally, JLS 14.22); the state machine copied the do statement and put {@code
 * state = 1; // back to the loop condition} after it, which javac rejected: "Loop$m0.java:
 * unreachable statement". The processor took any continue in the body for one of the do
 * statement itself. Expected: the sync twin's trace. Fixed in the processor by c911b2d.
 */
class DoWhileThatCannotCompleteTest {
  @Test
  void aDoWhileLeftOnlyThroughOuterLabels() {
    String program =
        """
        package gen;

        import dev.asyncj.*;
        import static dev.asyncj.Asyncio.*;

        public class Loop {
          final String tag;
          Loop(String tag) { this.tag = tag; }
          void log(String line) { System.out.println(tag + "| " + line); }
          @Async static Coroutine<Integer> tick(int v) { Await.of(sleep(0)); return done(v); }

          @Async Coroutine<Integer> m0(int a) {
            int rounds = 0;
            outer:
            while (rounds++ < Await.of(tick(a))) {
              do {
                log("round " + rounds);
                if (rounds < 2) {
                  continue outer;
                }
                break outer;
              } while (a > 100);
            }
            return done(rounds);
          }

          static Coroutine<Integer> start(String tag, int a) { return new Loop(tag).m0(a); }
        }
        """;
    assertThat(Harness.asyncTrace(program, 3))
        .isEqualTo(
            """
            main| round 1
            main| round 2
            main| => result 2
            """);
  }
}
