package dev.asyncj.processor.differential;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * Found by the differential test once it generated Java 21 patterns (seed 87 on JDK 25, with the
 * generator's pattern switch expressions turned off; minimized by {@link Reducer}, then by hand):
 * an if whose condition has a nested record pattern and whose branch awaits, then a switch over
 * patterns with a default. The state machine compiled, and failed at run time with "VerifyError:
 * Inconsistent stackmap frames". The state machine's {@code if (!(... instanceof Pair(Dot(int
 * p1), ...))) { state = N; continue; }} followed in the same state by the switch is what javac
 * miscompiles (JDK-8390354: the jump taken when the record matches keeps javac's temporaries for
 * its components past their scope); plain javac does the same with that source. Expected: the
 * sync twin's trace. Fixed in the processor by 03b7223: what follows such a condition
 * starts a state of its own.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class RecordPatternConditionBeforeASwitchTest {
  @Test
  void aSwitchAfterAnIfOnANestedRecordPattern() {
    String program =
        """
        package gen;

        import dev.asyncj.*;
        import static dev.asyncj.Asyncio.*;

        public class Shapes {
          final String tag;
          Shapes(String tag) { this.tag = tag; }
          void log(String line) { System.out.println(tag + "| " + line); }

          sealed interface Sh permits Dot, Seg, Pair {}
          record Dot(int v) implements Sh {}
          record Seg(int a, int b) implements Sh {}
          record Pair(Dot first, Seg second) implements Sh {}
          static Sh sh(int v) {
            int k = Math.floorMod(v, 3);
            return k == 0 ? new Dot(v) : k == 1 ? new Seg(v, v % 3) : new Pair(new Dot(v - 1), new Seg(v / 2, -v));
          }
          @Async static Coroutine<Sh> shape(int v) { Await.of(sleep(0)); return done(sh(v)); }

          @Async Coroutine<Integer> m0(int a) {
            if (Await.of(shape(a)) instanceof Pair(Dot(int p1), Seg(int p2, int p3))) {
              switch (sh(p1)) {
                case Dot(int p4) -> log("dot " + p4 + " " + p2);
                default -> {
                  Await.of(sleep(1));
                  log("other " + p1 + " " + p3);
                }
              }
            }
            return done(0);
          }

          static Coroutine<Integer> start(String tag, int a) { return new Shapes(tag).m0(a); }
        }
        """;
    assertThat(Harness.asyncTrace(program, 2))
        .isEqualTo(
            """
            main| other 1 -2
            main| => result 0
            """);
    assertThat(Harness.asyncTrace(program, 3))
        .isEqualTo(
            """
            main| => result 0
            """);
  }
}
