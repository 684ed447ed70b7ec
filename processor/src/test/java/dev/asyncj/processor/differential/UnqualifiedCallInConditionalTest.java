package dev.asyncj.processor.differential;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Found by the differential test (seed 18, minimized by {@link Reducer}, then by hand): a local
 * initialized by a {@code ?:} whose branch calls an instance method without {@code this.}, and
 * used after an await, stopped the processor: "asyncj internal error ... NullPointerException:
 * Cannot invoke Type.accept(...) because t is null" (Hoisting.attributedType). With {@code
 * this.note(...)}, a static method, or no ?: it compiled and ran. The crash was javac's, on JDK 17
 * (JDK-8347989, fixed in 25): asked for a scope in a class it has not attributed yet, it reads the
 * class tree's type, which it sets only when attributing the class. Expected: the sync twin's trace.
 * Fixed in the processor by 170136f.
 */
class UnqualifiedCallInConditionalTest {
  @Test
  void aConditionalCallingAnInstanceMethodInitializesALocalKeptAcrossAnAwait() {
    String program =
        """
        package gen;

        import dev.asyncj.*;
        import static dev.asyncj.Asyncio.*;

        public class Cond {
          final String tag;
          int f0 = 1;
          Cond(String tag) { this.tag = tag; }
          void log(String line) { System.out.println(tag + "| " + line); }
          int note(String what, int v) { log(what + "=" + v); return v; }

          @Async Coroutine<Integer> m0(int a) {
            int x = f0 < a ? 0 : note("else", 7);
            Await.of(sleep(0));
            log("x " + x);
            return done(x);
          }

          static Coroutine<Integer> start(String tag, int a) { return new Cond(tag).m0(a); }
        }
        """;
    assertThat(Harness.asyncTrace(program, 1))
        .isEqualTo(
            """
            main| else=7
            main| x 7
            main| => result 7
            """);
  }
}
