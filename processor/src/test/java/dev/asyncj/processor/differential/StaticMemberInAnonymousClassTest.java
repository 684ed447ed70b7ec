package dev.asyncj.processor.differential;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Found by the differential test (seeds 69, 111, 119 and 198 of a 300-seed run): an anonymous
 * class declared in an @Async method that uses a static method or a static field of the enclosing
 * class without qualification ({@code triple(a)}, {@code K}): the generated state machine did not
 * compile, "Anon$m0.java: cannot find symbol", because the anonymous class was copied into the
 * generated class where those names mean nothing. {@code Anon.triple(a)}, a lambda, or a static
 * nested class worked. The names in a nested class's body were never qualified, since some of them
 * may be the nested class's own inherited members. Expected: the sync twin's trace.
 * Fixed in the processor by b84e9a4.
 */
class StaticMemberInAnonymousClassTest {
  @Test
  void anAnonymousClassCallsAStaticMethodAndReadsAStaticField() {
    String program =
        """
        package gen;

        import dev.asyncj.*;
        import static dev.asyncj.Asyncio.*;
        import java.util.function.*;

        public class Anon {
          final String tag;
          Anon(String tag) { this.tag = tag; }
          void log(String line) { System.out.println(tag + "| " + line); }
          static final int K = 7;
          static int triple(int v) { return v * 3; }

          @Async Coroutine<Integer> m0(int a) {
            IntSupplier q = new IntSupplier() {
              @Override
              public int getAsInt() {
                return triple(a) + K;
              }
            };
            Await.of(sleep(0));
            log("q " + q.getAsInt());
            return done(q.getAsInt());
          }

          static Coroutine<Integer> start(String tag, int a) { return new Anon(tag).m0(a); }
        }
        """;
    assertThat(Harness.asyncTrace(program, 2))
        .isEqualTo(
            """
            main| q 13
            main| => result 13
            """);
  }
}
