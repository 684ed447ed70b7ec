package dev.asyncj.processor.differential;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Found by the differential test (seed 17, minimized by {@link Reducer}, then by hand): in a switch
 * expression that awaits (in an arm or in its selector), an arm with a nested block (a block, an
 * if, a catch) whose last statement declares a local stopped the processor: "asyncj internal error
 * ... IndexOutOfBoundsException: Index: 2, Size: 2" (Hoisting.pathInScope). With a statement after
 * the declaration it compiled. Every local of such a switch's arms was made a field, even one in
 * scope nowhere, and its type was looked up in the statement after it. Expected: the sync twin's
 * trace. Fixed in the processor by 1eb3220.
 */
class LocalInSwitchExpressionArmTest {
  @Test
  void aLocalInANestedBlockOfAnArmThatAwaits() {
    String program =
        """
        package gen;

        import dev.asyncj.*;
        import static dev.asyncj.Asyncio.*;

        public class Arm {
          final String tag;
          int f0 = 1;
          Arm(String tag) { this.tag = tag; }
          void log(String line) { System.out.println(tag + "| " + line); }
          @Async static Coroutine<Integer> tick(int v) { Await.of(sleep(0)); return done(v); }

          @Async Coroutine<Integer> m0(int a) {
            int x = switch (f0 + a) {
              case 2 -> {
                if (a > 0) {
                  log("then");
                  int unused = 10;
                }
                yield Await.of(tick(3));
              }
              default -> -1;
            };
            log("x " + x);
            return done(x);
          }

          static Coroutine<Integer> start(String tag, int a) { return new Arm(tag).m0(a); }
        }
        """;
    assertThat(Harness.asyncTrace(program, 1))
        .isEqualTo(
            """
            main| then
            main| x 3
            main| => result 3
            """);
  }
}
