package dev.asyncj.processor.differential;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Found by the differential test (seed 0 and a third of the first hundred seeds): an instanceof
 * pattern in an expression that also awaits, anywhere but an if condition (a local's
 * initializer, a {@code ?:}, an {@code &&} operand), stops the processor with "asyncj internal
 * error ... no type found for local p1". The same pattern in an if condition works. The expected
 * trace is what the same program prints written synchronously (plain javac, each Await.of(x)
 * replaced by x). Fixed in the processor by c827fdf.
 */
class PatternInAwaitingExpressionTest {
  @Test
  void patternVariablesInExpressionsThatAwait() {
    String program =
        """
        package gen;

        import dev.asyncj.*;
        import static dev.asyncj.Asyncio.*;

        public class PatternInInitializer {
          final String tag;
          PatternInInitializer(String tag) { this.tag = tag; }
          void log(String line) { System.out.println(tag + "| " + line); }

          @Async static Coroutine<Object> obj(int v) { Await.of(sleep(0)); return done(v % 2 == 0 ? (Object) v : "s" + v); }
          @Async static Coroutine<Integer> now(int v) { return done(v); }

          @Async Coroutine<Integer> m0(int a) {
            boolean b = Await.of(obj(a)) instanceof Integer p1 && p1 > 3;
            log("b " + b);
            Object o = Await.of(obj(a + 1));
            int x = o instanceof Integer p2 ? p2 : Await.of(now(5)) + a;
            log("x " + x);
            return done(b ? x : -x);
          }

          static Coroutine<Integer> start(String tag, int a) { return new PatternInInitializer(tag).m0(a); }
        }
        """;
    assertThat(Harness.asyncTrace(program, 4))
        .isEqualTo(
            """
            main| b true
            main| x 9
            main| => result 9
            """);
  }
}
