package dev.asyncj.processor.differential;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Found by the differential test (seed 102629 of a 2,000-seed run: a log line missing from the
 * trace; minimized by {@link Reducer}, then by hand). A compound assignment to a field whose
 * awaited right side throws, after changing the field: Java leaves the field as the right side
 * left it, {@code f0 = 5}. The state machine wrote back the value read before the await, then
 * took the awaited value, which threw: the field was silently set back to 1. Expected: the sync
 * twin's trace. Also a mistake when the right side reads the field after the await ({@code f0 +=
 * Await.of(t) + f0}, see {@code MoreStatementsAndExpressionsTest}).
 * Fixed in the processor by 3009537.
 */
class CompoundAssignmentWhoseRightSideThrowsTest {
  @Test
  void aFieldChangedByARightSideThatThrowsKeepsThatValue() {
    String program =
        """
        package gen;

        import dev.asyncj.*;
        import static dev.asyncj.Asyncio.*;

        public class Thrown {
          final String tag;
          int f0 = 1;
          Thrown(String tag) { this.tag = tag; }
          void log(String line) { System.out.println(tag + "| " + line); }

          @Async Coroutine<Integer> bump() {
            f0 = 5;
            Await.of(sleep(0));
            throw new IllegalArgumentException("bumped");
          }

          @Async Coroutine<Integer> m0(int a) {
            try {
              f0 += Await.of(bump());
            } catch (IllegalArgumentException e) {
              log("caught, f0 " + f0);
            }
            return done(f0);
          }

          static Coroutine<Integer> start(String tag, int a) { return new Thrown(tag).m0(a); }
        }
        """;
    assertThat(Harness.asyncTrace(program, 1))
        .isEqualTo(
            """
            main| caught, f0 5
            main| => result 5
            """);
  }
}
