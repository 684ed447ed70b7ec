package dev.asyncj.processor.differential;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * Found by the differential test on JDK 25 (seed 301153, minimized by {@link Reducer}, then by
 * hand): the variable of a case's record pattern, in a switch whose selector awaits, used first
 * (or only) in an anonymous class or a lambda of the case. The processor stopped with "asyncj
 * internal error ... no type found for local p4": it read the variable's type from javac's scope
 * at that first use, which is the nested class's or the lambda's, and did not look in the scopes
 * around it. Expected: the sync twin's trace. Fixed in the processor by 2e18188.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class PatternVariableUsedFirstInANestedClassTest {
  @Test
  void caseVariablesCapturedByAnAnonymousClassAndALambda() {
    String program =
        """
        package gen;

        import dev.asyncj.*;
        import static dev.asyncj.Asyncio.*;
        import java.util.function.IntSupplier;

        public class Capture {
          final String tag;
          Capture(String tag) { this.tag = tag; }
          void log(String line) { System.out.println(tag + "| " + line); }

          sealed interface Sh permits Dot, Seg {}
          record Dot(int v) implements Sh {}
          record Seg(int a, int b) implements Sh {}
          @Async static Coroutine<Sh> shape(int v) {
            Await.of(sleep(0));
            return done(v % 2 == 1 ? new Dot(v) : new Seg(v, 1));
          }

          @Async Coroutine<Integer> m0(int a) {
            int total = 0;
            switch (Await.of(shape(a))) {
              case Dot(int v) -> {
                IntSupplier later = new IntSupplier() {
                  @Override
                  public int getAsInt() {
                    return v * 10;
                  }
                };
                Await.of(sleep(1));
                total = later.getAsInt();
              }
              case Seg(int x, var y) -> {
                IntSupplier sum = () -> x + y;
                total = sum.getAsInt();
              }
            }
            log("total " + total);
            return done(total);
          }

          static Coroutine<Integer> start(String tag, int a) { return new Capture(tag).m0(a); }
        }
        """;
    assertThat(Harness.asyncTrace(program, 3))
        .isEqualTo(
            """
            main| total 30
            main| => result 30
            """);
    assertThat(Harness.asyncTrace(program, 4))
        .isEqualTo(
            """
            main| total 5
            main| => result 5
            """);
  }
}
