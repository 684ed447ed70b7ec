package dev.asyncj.processor.differential;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Found by the differential test (seed 31067 of a 2,000-seed run, minimized by {@link Reducer},
 * then by hand): in an old-style switch group ({@code case 1:} without braces), a local kept
 * across an await and then used as a Java 9 resource, {@code try (r)}: the generated state machine
 * did not compile, "Group$m0.java: variable r used as a try-with-resources resource neither final
 * nor effectively final". A kept local is a field of the state machine, and {@code try (r)} needs a
 * final variable; any local kept across an await and named by a try that does not await failed so,
 * in a switch group more often since its locals are kept whenever the switch awaits. Expected: the
 * sync twin's trace. Fixed in the processor by 673b9ca.
 */
class ResourceDeclaredInSwitchGroupTest {
  @Test
  void aResourceDeclaredInACaseGroupAndKeptAcrossAnAwait() {
    String program =
        """
        package gen;

        import dev.asyncj.*;
        import static dev.asyncj.Asyncio.*;

        public class Group {
          final String tag;
          Group(String tag) { this.tag = tag; }
          void log(String line) { System.out.println(tag + "| " + line); }

          static final class Res implements AutoCloseable {
            final Group owner;
            final String name;
            Res(Group owner, String name) { this.owner = owner; this.name = name; owner.log("open " + name); }
            @Override public void close() { owner.log("close " + name); }
          }

          @Async Coroutine<Integer> m0(int a) {
            switch (a) {
              case 1:
                Res r = new Res(this, "r");
                Await.of(sleep(0));
                try (r) {
                  log("body");
                }
                break;
              default:
                log("other");
            }
            return done(a);
          }

          static Coroutine<Integer> start(String tag, int a) { return new Group(tag).m0(a); }
        }
        """;
    assertThat(Harness.asyncTrace(program, 1))
        .isEqualTo(
            """
            main| open r
            main| body
            main| close r
            main| => result 1
            """);
  }
}
