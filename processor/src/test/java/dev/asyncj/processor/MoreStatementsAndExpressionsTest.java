package dev.asyncj.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.asyncj.processor.TestPrograms.runMain;

import org.junit.jupiter.api.Test;

/**
 * for-each, switch, switch expressions and the expressions whose operands Java may skip or
 * convert, each with awaits, run and compared with what Java gives for the same code.
 */
class MoreStatementsAndExpressionsTest {
  private static final String HELPERS =
      """
      static StringBuilder log = new StringBuilder();

      static void log(Object what) {
        log.append(what).append(';');
      }

      @Async static <T> Coroutine<T> later(T value) {
        Await.of(sleep(1));
        return done(value);
      }
      """;

  private static Object value(String main) {
    TestPrograms.Run run = runMain(HELPERS + main);
    if (run.thrown() != null) {
      throw new AssertionError("the program threw", run.thrown());
    }
    return run.value();
  }

  @Test
  void awaitedValuesInsideExpressionsConvertAndChooseOverloadsAsInTheMethod() {
    // word() and count() are read back with a cast (every overload returns the same type); for
    // number(...) the overload called decides the type.
    assertThat(
            value(
                """
                @Async static Coroutine<String> word() {
                  Await.of(sleep(1));
                  return done("ab");
                }

                @Async static Coroutine<String> word(int n) {
                  return done("x".repeat(n));
                }

                @Async static Coroutine<Integer> count() {
                  Await.of(sleep(1));
                  return done(3);
                }

                @Async static Coroutine<Integer> number(int n) {
                  return done(n);
                }

                @Async static Coroutine<Long> number(long n) {
                  return done(n * 10);
                }

                static String describe(Object value) {
                  return "object " + value;
                }

                static String describe(String value) {
                  return "string " + value;
                }

                @Async static Coroutine<String> main() {
                  long total = 10_000_000_000L;
                  total += Await.of(count());
                  String out = describe(Await.of(word())) + ";" + Await.of(word(2)).length() + ";" + total;
                  out += ";" + describe(Await.of(number(1))) + ";" + (Await.of(number(2L)) + 1);
                  return done(out);
                }
                """))
        .isEqualTo("string ab;2;10000000003;object 1;21");
  }

  @Test
  void forEachOverAListAnArrayAndAPrimitiveArray() {
    assertThat(
            value(
                """
                @Async static Coroutine<String> main() {
                  for (String word : List.of("a", "b")) {
                    log(Await.of(later(word)));
                  }
                  for (Integer boxed : new Integer[] {1, 2}) {
                    log(boxed + Await.of(later(10)));
                  }
                  long sum = 0;
                  for (long widened : new int[] {3, 4}) {
                    sum += widened * Await.of(later(1L));
                  }
                  log(sum);
                  for (char c : Await.of(later("xy")).toCharArray()) {
                    log(c);
                  }
                  return done(log.toString());
                }
                """))
        .isEqualTo("a;b;11;12;7;x;y;");
  }

  @Test
  void forEachWithBreakAndContinue() {
    assertThat(
            value(
                """
                @Async static Coroutine<String> main() {
                  for (int n : List.of(1, 2, 3, 4, 5)) {
                    Await.of(sleep(1));
                    if (n == 2) {
                      continue;
                    }
                    if (n == 4) {
                      break;
                    }
                    log(n);
                  }
                  return done(log.toString());
                }
                """))
        .isEqualTo("1;3;");
  }

  @Test
  void lambdasMadeInEachRoundKeepThatRoundsValue() {
    assertThat(
            value(
                """
                @Async static Coroutine<String> main() {
                  List<java.util.function.Supplier<String>> later = new ArrayList<>();
                  for (String word : List.of("a", "b", "c")) {
                    String upper = word.toUpperCase();
                    Await.of(sleep(1));
                    later.add(() -> word + upper);
                    Await.of(sleep(1));
                  }
                  for (java.util.function.Supplier<String> supplier : later) {
                    log(supplier.get());
                  }
                  return done(log.toString());
                }
                """))
        .isEqualTo("aA;bB;cC;");
  }

  @Test
  void switchStatementsFallThroughAndBreakAsJavaDoes() {
    assertThat(
            value(
                """
                enum Size { SMALL, MEDIUM, LARGE }

                @Async static Coroutine<String> main() {
                  for (int i = 0; i < 4; i++) {
                    switch (Await.of(later(i))) {
                      case 0:
                        log("zero");
                      case 1:
                        log("zero or one");
                        Await.of(sleep(1));
                        break;
                      default:
                        log("other " + i);
                        Await.of(sleep(1));
                      case 3:
                        log("three or after other");
                    }
                  }
                  for (String s : List.of("x", "y")) {
                    switch (s) {
                      case "x" -> log("ex " + Await.of(later(1)));
                      default -> {
                        Await.of(sleep(1));
                        log("not x");
                      }
                    }
                  }
                  switch (Size.MEDIUM) {
                    case SMALL, MEDIUM -> log("small or medium " + Await.of(later(2)));
                    case LARGE -> log("large");
                  }
                  return done(log.toString());
                }
                """))
        .isEqualTo(
            "zero;zero or one;zero or one;other 2;three or after other;three or after other;"
                + "ex 1;not x;small or medium 2;");
  }

  @Test
  void switchExpressionsWithAwaitsInArmsAndYield() {
    assertThat(
            value(
                """
                @Async static Coroutine<String> main() {
                  for (int i = 0; i < 3; i++) {
                    long size = switch (i) {
                      case 0 -> Await.of(later(10));
                      case 1 -> {
                        int doubled = Await.of(later(i)) * 2;
                        yield doubled;
                      }
                      default -> 7L;
                    };
                    log(size);
                  }
                  return done(log.toString());
                }
                """))
        .isEqualTo("10;2;7;");
  }

  /**
   * The arms' locals that a value of the switch reads are kept across the end of the switch, where
   * the values are read back; the others stay in their arm, even one at the end of a block.
   */
  @Test
  void localsOfTheArmsOfASwitchExpressionThatAwaits() {
    assertThat(
            value(
                """
                @Async static Coroutine<String> main() {
                  for (int i = 0; i < 4; i++) {
                    int size = switch (Await.of(later(i))) {
                      case 0 -> {
                        if (i == 0) {
                          log("zero");
                          int unread = 10;
                        }
                        yield 1;
                      }
                      case 1 -> {
                        if (i > 0) {
                          int kept = i * 20;
                          yield kept + 1;
                        }
                        yield -1;
                      }
                      case 2 -> {
                        int kept = i * 30;
                        yield switch (i) {
                          case 2 -> kept;
                          default -> 0;
                        };
                      }
                      default -> {
                        int late = Await.of(later(i * 40));
                        yield late;
                      }
                    };
                    log(size);
                  }
                  return done(log.toString());
                }
                """))
        .isEqualTo("zero;1;21;60;120;");
  }

  @Test
  void andAndOrSkipTheRightSideAndItsAwait() {
    assertThat(
            value(
                """
                @Async static Coroutine<Boolean> check(String name, boolean result) {
                  log(name);
                  Await.of(sleep(1));
                  return done(result);
                }

                @Async static Coroutine<String> main() {
                  boolean a = false && Await.of(check("skipped", true));
                  boolean b = true && Await.of(check("and", false));
                  boolean c = true || Await.of(check("skipped", true));
                  boolean d = Await.of(check("left", false)) || Await.of(check("or", true));
                  log("" + a + b + c + d);
                  return done(log.toString());
                }
                """))
        .isEqualTo("and;left;or;falsefalsetruetrue;");
  }

  @Test
  void conditionalBranchesAwaitOnlyTheChosenOneAndKeepTheWholesType() {
    assertThat(
            value(
                """
                @Async static Coroutine<String> main() {
                  for (int i = 0; i < 2; i++) {
                    long value = i == 0 ? Await.of(later(1)) : 2L;
                    Object kind = i == 0 ? (Object) value : Await.of(later("two"));
                    log(value + " " + kind);
                  }
                  return done(log.toString());
                }
                """))
        .isEqualTo("1 1;2 two;");
  }

  @Test
  void compoundAssignmentToAFieldUsesTheValueReadBeforeTheAwait() {
    assertThat(
            value(
                """
                static int total = 1;
                static int[] cells = {10, 20};

                @Async static Coroutine<Integer> changeTotal() {
                  total = 100; // while main waits: Java read total before, so this is lost
                  Await.of(sleep(1));
                  return done(5);
                }

                @Async static Coroutine<Integer> changeCell() {
                  cells[1] = 200;
                  Await.of(sleep(1));
                  return done(5);
                }

                @Async static Coroutine<String> main() {
                  total += Await.of(changeTotal());
                  log(total);
                  cells[1] += Await.of(changeCell());
                  log(cells[1]);
                  return done(log.toString());
                }
                """))
        .isEqualTo("6;25;");
  }

  /**
   * Java reads the variable of a compound assignment before its right side (JLS 15.26.2), and the
   * right side reads the variable as it is when it gets there, awaits or not.
   */
  @Test
  void compoundAssignmentReadsItsVariableBeforeTheRightSideAndTheRightSideAfter() {
    assertThat(
            value(
                """
                static int total = 1;
                static byte small = 1;

                static int f(int a, int b, int c) {
                  return a * 100 + b * 10 + c;
                }

                @Async static Coroutine<Integer> changeTotal() {
                  total = 30; // while main waits
                  Await.of(sleep(1));
                  return done(2);
                }

                @Async static Coroutine<String> main() {
                  int x = 1;
                  x += f(x = 5, Await.of(later(2)), x);
                  log(x);
                  long y = 2;
                  long z = (y *= (y = 4) + Await.of(later(3))) + y;
                  log(y + " " + z);
                  total += Await.of(changeTotal()) + total;
                  log(total);
                  small += Await.of(later(300)) + small;
                  log(small);
                  return done(log.toString());
                }
                """))
        .isEqualTo("526;14 28;33;46;");
  }

  @Test
  void aPatternVariableIsUsableAfterAnAwait() {
    assertThat(
            value(
                """
                @Async static Coroutine<String> main() {
                  Object o = Await.of(later((Object) "text"));
                  if (o instanceof String s && !s.isEmpty()) {
                    Await.of(sleep(1));
                    log(s.length());
                  }
                  if (Await.of(later((Object) 42)) instanceof Integer n) {
                    Await.of(sleep(1));
                    log(n + 1);
                  }
                  return done(log.toString());
                }
                """))
        .isEqualTo("4;43;");
  }

  @Test
  void aCompoundAssignmentToAnArrayElementUsedAsAValue() {
    assertThat(
            value(
                """
                static int[] counts = {10};

                @Async static Coroutine<Integer> bump() {
                  counts[0] = 100; // lost: Java read counts[0] before
                  Await.of(sleep(1));
                  return done(5);
                }

                @Async static Coroutine<String> main() {
                  int seen = (counts[0] += Await.of(bump())) * 2;
                  return done(seen + " " + counts[0]);
                }
                """))
        .isEqualTo("30 15");
  }

  @Test
  void patternVariablesInExpressionsThatAwait() {
    assertThat(
            value(
                """
                @Async static Coroutine<Object> obj(int v) {
                  Await.of(sleep(0));
                  return done(v % 2 == 0 ? (Object) v : "s" + v);
                }

                @Async static Coroutine<String> main() {
                  int a = 4;
                  boolean b = Await.of(obj(a)) instanceof Integer p1 && p1 > 3;
                  Object o = Await.of(obj(a + 1));
                  int x = o instanceof Integer p2 ? p2 : Await.of(later(5)) + a;
                  boolean c = o instanceof String s && Await.of(later(s.length())) == 2;
                  return done(b + " " + x + " " + c);
                }
                """))
        .isEqualTo("true 9 true");
  }
}
