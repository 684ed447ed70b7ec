package dev.asyncj.processor.differential;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Found by the differential test (seed 19, minimized by {@link Reducer}, then by hand): a
 * try-with-resources naming existing variables, {@code try (r1; r2)}, whose body awaits: the
 * generated state machine does not compile, {@code Arm$m0.java: ')' expected} at {@code if (r1; !=
 * null)}: the resource's source text is sliced with its semicolon. A single {@code try (r1)} or a
 * reference as the last resource works. Expected: the sync twin's trace. Fixed in the processor by
 * ba981d6.
 */
class ResourceReferenceTest {
  @Test
  void twoExistingVariablesAsResourcesOfATryThatAwaits() {
    String program =
        """
        package gen;

        import dev.asyncj.*;
        import static dev.asyncj.Asyncio.*;

        public class Resources {
          final String tag;
          Resources(String tag) { this.tag = tag; }
          void log(String line) { System.out.println(tag + "| " + line); }
          @Async static Coroutine<Integer> tick(int v) { Await.of(sleep(0)); return done(v); }

          static final class Res implements AutoCloseable {
            final Resources owner;
            final String name;
            Res(Resources owner, String name) { this.owner = owner; this.name = name; owner.log("open " + name); }
            @Override public void close() { owner.log("close " + name); }
          }

          @Async Coroutine<Integer> m0(int a) {
            Res r1 = new Res(this, "r1");
            Res r2 = new Res(this, "r2");
            try (r1; r2) {
              log("body " + Await.of(tick(a)));
            }
            return done(a);
          }

          static Coroutine<Integer> start(String tag, int a) { return new Resources(tag).m0(a); }
        }
        """;
    assertThat(Harness.asyncTrace(program, 5))
        .isEqualTo(
            """
            main| open r1
            main| open r2
            main| body 5
            main| close r2
            main| close r1
            main| => result 5
            """);
  }
}
