package dev.asyncj.processor.differential;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Found by the differential test (seed 200918 on JDK 17, by hand from the program once the
 * generator followed javac here): a do-while whose body awaits and always returns, with a switch
 * expression in its condition, and statements after the loop. The JLS says the loop cannot
 * complete normally; javac (17 and 25) lets code follow it, since its flow analysis takes code
 * after a switch expression for reachable, even in a condition nothing reaches. The state machine
 * put the statements after the loop behind the body's last jump, and javac refused it:
 * "unreachable statement". Expected: the sync twin's trace. Fixed in the processor by 8d043bb:
 * what follows such a loop gets a state of its own, which nothing enters.
 */
class DoWhileWithASwitchInItsConditionTest {
  @Test
  void statementsAfterADoWhileThatAlwaysReturns() {
    String program =
        """
        package gen;

        import dev.asyncj.*;
        import static dev.asyncj.Asyncio.*;

        public class Loop {
          final String tag;
          Loop(String tag) { this.tag = tag; }
          void log(String line) { System.out.println(tag + "| " + line); }

          @Async Coroutine<Integer> m0(int a) {
            int w = 0;
            do {
              Await.of(sleep(1));
              log("body " + a);
              return done(a);
            } while (++w < switch (a) {
              case 2 -> a;
              default -> 3;
            });
            log("after");
            return done(-1);
          }

          static Coroutine<Integer> start(String tag, int a) { return new Loop(tag).m0(a); }
        }
        """;
    assertThat(Harness.asyncTrace(program, 4))
        .isEqualTo(
            """
            main| body 4
            main| => result 4
            """);
  }
}
