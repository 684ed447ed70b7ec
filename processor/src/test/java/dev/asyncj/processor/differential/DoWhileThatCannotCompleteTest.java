package dev.asyncj.processor.differential;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Found by the differential test (seed 11177, minimized by {@link Reducer}, then by hand): a
 * do-while without awaits whose body always leaves it through an outer label ({@code continue
 * outer;} / {@code break outer;}), inside a loop that awaits. Java accepts it (the do statement
 * cannot complete normally, JLS 14.22); the state machine copies the do statement and puts {@code
 * state = 1; // back to the loop condition} after it, which javac rejects: "Loop$m0.java:
 * unreachable statement". Expected: the sync twin's trace.
 * {@link KnownBugs#DO_WHILE_THAT_CANNOT_COMPLETE} keeps the generator away.
 */
class DoWhileThatCannotCompleteTest {
  @Disabled("asyncj bug: a copied do-while that cannot complete normally is followed by generated code: 'unreachable statement'")
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
