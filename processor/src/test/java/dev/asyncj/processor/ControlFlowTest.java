package dev.asyncj.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.asyncj.processor.TestPrograms.runMain;

import org.junit.jupiter.api.Test;

/**
 * Each statement of the foundation with an await somewhere in it, checked by running a program and
 * reading what it printed: the same thing Java prints for the same code without the awaits.
 */
class ControlFlowTest {
  @Test
  void straightLineCodeRunsAroundAnAwait() {
    TestPrograms.Run run =
        runMain(
            """
            @Async static Coroutine<Void> main() {
              System.out.println("before");
              Await.of(sleep(5));
              System.out.println("after");
              return done();
            }
            """);
    assertThat(run.output()).isEqualTo("before\nafter\n");
    assertThat(run.virtualTime()).isEqualTo(5.0);
  }

  @Test
  void ifAndElseBranchesThatAwaitTakeTheRightBranch() {
    TestPrograms.Run run =
        runMain(
            """
            @Async static Coroutine<Void> main() {
              for (int i = 0; i < 4; i++) {
                if (i % 2 == 0) {
                  Await.of(sleep(1));
                  System.out.println(i + " even");
                } else if (i == 1) {
                  System.out.println(i + " one");
                } else {
                  Await.of(sleep(10));
                  System.out.println(i + " odd");
                }
              }
              return done();
            }
            """);
    assertThat(run.output()).isEqualTo("0 even\n1 one\n2 even\n3 odd\n");
    assertThat(run.virtualTime()).isEqualTo(12.0);
  }

  @Test
  void anAwaitInAnIfConditionDecidesTheBranch() {
    TestPrograms.Run run =
        runMain(
            """
            @Async static Coroutine<Boolean> isEven(int n) {
              Await.of(sleep(1));
              return done(n % 2 == 0);
            }

            @Async static Coroutine<Void> main() {
              for (int i = 0; i < 3; i++) {
                if (Await.of(isEven(i))) {
                  System.out.println(i + " even");
                } else {
                  System.out.println(i + " odd");
                }
              }
              return done();
            }
            """);
    assertThat(run.output()).isEqualTo("0 even\n1 odd\n2 even\n");
  }

  @Test
  void aWhileLoopWithAnAwaitInItsConditionAndBody() {
    TestPrograms.Run run =
        runMain(
            """
            static int left = 3;

            @Async static Coroutine<Boolean> more() {
              Await.of(sleep(1));
              return done(left > 0);
            }

            @Async static Coroutine<Void> main() {
              while (Await.of(more())) {
                System.out.println("left " + left);
                left--;
                Await.of(sleep(0.5));
              }
              System.out.println("done");
              return done();
            }
            """);
    assertThat(run.output()).isEqualTo("left 3\nleft 2\nleft 1\ndone\n");
    assertThat(run.virtualTime()).isEqualTo(5.5);
  }

  @Test
  void aDoWhileLoopRunsItsBodyBeforeTheAwaitedCondition() {
    TestPrograms.Run run =
        runMain(
            """
            @Async static Coroutine<Boolean> below(int n, int limit) {
              Await.of(sleep(1));
              return done(n < limit);
            }

            @Async static Coroutine<Void> main() {
              int n = 10;
              do {
                System.out.println(n);
                n++;
              } while (Await.of(below(n, 3)));
              return done();
            }
            """);
    assertThat(run.output()).isEqualTo("10\n");
  }

  @Test
  void aForLoopWithAwaitsInItsConditionBodyAndUpdate() {
    TestPrograms.Run run =
        runMain(
            """
            @Async static Coroutine<Integer> value(int n) {
              Await.of(sleep(1));
              return done(n);
            }

            @Async static Coroutine<Void> main() {
              for (int i = Await.of(value(1)); i <= Await.of(value(3)); i = i + Await.of(value(1))) {
                System.out.println(i);
              }
              return done();
            }
            """);
    assertThat(run.output()).isEqualTo("1\n2\n3\n");
    // 1 for the start, then per round: condition (1) and update (1), and a final condition.
    assertThat(run.virtualTime()).isEqualTo(1.0 + 3 * 2 + 1);
  }

  @Test
  void breakAndContinueLeaveAndRestartALoopThatAwaits() {
    TestPrograms.Run run =
        runMain(
            """
            @Async static Coroutine<Void> main() {
              for (int i = 0; ; i++) {
                Await.of(sleep(1));
                if (i == 1) {
                  continue;
                }
                if (i == 4) {
                  break;
                }
                System.out.println(i);
              }
              System.out.println("out");
              return done();
            }
            """);
    assertThat(run.output()).isEqualTo("0\n2\n3\nout\n");
  }

  @Test
  void labelledBreakAndContinueFromAnInnerLoopCopiedAsItIs() {
    TestPrograms.Run run =
        runMain(
            """
            @Async static Coroutine<Void> main() {
              outer:
              for (int i = 0; i < 3; i++) {
                Await.of(sleep(1));
                for (int j = 0; j < 3; j++) {
                  if (j == 1 && i == 0) {
                    continue outer;
                  }
                  if (i == 2) {
                    break outer;
                  }
                  System.out.println(i + "," + j);
                }
              }
              System.out.println("out");
              return done();
            }
            """);
    assertThat(run.output()).isEqualTo("0,0\n1,0\n1,1\n1,2\nout\n");
  }

  /**
   * The generated code labels its dispatch loop {@code dispatch} and the block that jumps out of a
   * copied try leave through {@code escape}; a method with labels of those names keeps them, and
   * its jumps still reach the loops it names.
   */
  @Test
  void userLabelsNamedLikeTheGeneratedOnes() {
    TestPrograms.Run run =
        runMain(
            """
            @Async static Coroutine<Void> main() {
              outer:
              for (int i = 0; i < 3; i++) {
                Await.of(sleep(1));
                dispatch:
                for (int j = 0; j < 3; j++) {
                  escape:
                  try {
                    if (j == 1) {
                      continue outer;
                    }
                    if (i == 2) {
                      break escape;
                    }
                  } finally {
                    System.out.println(i + "," + j);
                  }
                  if (i == 2 && j == 2) {
                    break dispatch;
                  }
                }
                System.out.println("after " + i);
              }
              System.out.println("out");
              return done();
            }
            """);
    assertThat(run.output())
        .isEqualTo("0,0\n0,1\n1,0\n1,1\n2,0\n2,1\nout\n");
  }

  /**
   * A copied do-while that only a continue of an outer loop leaves cannot complete normally (JLS
   * 14.22): nothing may follow it in the generated code. One continued through its own label can.
   */
  @Test
  void doWhileLoopsLeftOnlyThroughContinuesOfOuterLoops() {
    TestPrograms.Run run =
        runMain(
            """
            @Async static Coroutine<Void> main() {
              int i = 0;
              outer:
              while (i++ < 3) {
                Await.of(sleep(1));
                do {
                  for (int j = 0; j < 2; j++) {
                    if (j == 0) {
                      continue;
                    }
                    System.out.println(i + "," + j);
                  }
                  continue outer;
                } while (i > 100);
              }
              int n = 0;
              again:
              do {
                for (int j = 0; j < 2; j++) {
                  if (n++ < 3) {
                    continue again;
                  }
                }
              } while (n < 5);
              Await.of(sleep(1));
              System.out.println("n " + n);
              return done();
            }
            """);
    assertThat(run.output()).isEqualTo("1,1\n2,1\n3,1\nn 5\n");
  }

  @Test
  void labelledBreakOutOfANestedLoopThatAwaits() {
    TestPrograms.Run run =
        runMain(
            """
            @Async static Coroutine<Void> main() {
              search:
              while (true) {
                for (int i = 0; i < 10; i++) {
                  Await.of(sleep(1));
                  if (i == 2) {
                    break search;
                  }
                  System.out.println(i);
                }
              }
              System.out.println("found");
              return done();
            }
            """);
    assertThat(run.output()).isEqualTo("0\n1\nfound\n");
  }

  @Test
  void returnFromInsideALoopEndsTheCoroutineWithThatValue() {
    TestPrograms.Run run =
        runMain(
            """
            @Async static Coroutine<String> main() {
              for (int i = 0; i < 10; i++) {
                Await.of(sleep(1));
                if (i == 3) {
                  return done("stopped at " + i);
                }
              }
              return done("never");
            }
            """);
    assertThat(run.value()).isEqualTo("stopped at 3");
    assertThat(run.virtualTime()).isEqualTo(4.0);
  }

  @Test
  void anAwaitInsideTheReturnedValue() {
    TestPrograms.Run run =
        runMain(
            """
            @Async static Coroutine<String> hello() {
              Await.of(sleep(1));
              return done("World");
            }

            @Async static Coroutine<String> main() {
              return done("Hello, " + Await.of(hello()) + "!");
            }
            """);
    assertThat(run.value()).isEqualTo("Hello, World!");
  }

  @Test
  void returningAnotherCoroutineFinishesWithItsValue() {
    TestPrograms.Run run =
        runMain(
            """
            @Async static Coroutine<Integer> answer() {
              Await.of(sleep(1));
              return done(42);
            }

            @Async static Coroutine<Integer> main() {
              System.out.println("delegating");
              return answer();
            }
            """);
    assertThat(run.output()).isEqualTo("delegating\n");
    assertThat(run.value()).isEqualTo(42);
  }

  @Test
  void aMethodWithoutAwaitStillRunsOnlyWhenAwaited() {
    TestPrograms.Run run =
        runMain(
            """
            @Async static Coroutine<String> hello() {
              System.out.println("Hello");
              return done("World");
            }

            @Async static Coroutine<String> main() {
              Coroutine<String> coroutine = hello();
              System.out.println("created");
              return done(Await.of(coroutine));
            }
            """);
    assertThat(run.output()).isEqualTo("created\nHello\n");
    assertThat(run.value()).isEqualTo("World");
  }

  @Test
  void awaitsNestedInExpressionsKeepJavaEvaluationOrder() {
    TestPrograms.Run run =
        runMain(
            """
            static List<String> log = new ArrayList<>();

            static int note(String what, int value) {
              log.add(what);
              return value;
            }

            @Async static Coroutine<Integer> later(String what, int value) {
              log.add(what + " starts");
              Await.of(sleep(1));
              log.add(what + " ends");
              return done(value);
            }

            static int sum(int a, int b, int c) {
              return a + b + c;
            }

            @Async static Coroutine<Integer> main() {
              int total = sum(note("a", 1), Await.of(later("b", 2)), note("c", 3));
              System.out.println(log);
              return done(total);
            }
            """);
    assertThat(run.output()).isEqualTo("[a, b starts, b ends, c]\n");
    assertThat(run.value()).isEqualTo(6);
  }

  @Test
  void returnNullInsideALambdaIsTheLambdasOwn() {
    TestPrograms.Run run =
        runMain(
            """
            @Async static Coroutine<String> main() throws Exception {
              java.util.concurrent.Callable<Object> nothing = () -> {
                return null;
              };
              Await.of(sleep(0));
              return done("called: " + nothing.call());
            }
            """);
    assertThat(run.value()).isEqualTo("called: null");
  }
}
