package dev.asyncj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.asyncj.processor.TestPrograms.classWith;
import static dev.asyncj.processor.TestPrograms.compile;
import static dev.asyncj.processor.TestPrograms.runMain;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * Java 21's patterns across awaits: record patterns in {@code instanceof}, and switches with type
 * and record patterns, guards, {@code case null} and {@code case null, default}, as statements and
 * as expressions. Each program's value is what the same code gives run synchronously.
 *
 * <p>Run where the compiler accepts them without preview flags: on JDK 21 and later (CI runs these
 * tests on JDK 25). The processor itself is built for Java 17 and reads these trees through the
 * JDK's own traversal.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class PatternsTest {
  private static final String SHAPES =
      """
      static StringBuilder log = new StringBuilder();

      static void log(Object what) {
        log.append(what).append(';');
      }

      @Async static <T> Coroutine<T> later(T value) {
        Await.of(sleep(1));
        return done(value);
      }

      sealed interface Shape permits Circle, Square, Rect {}
      record Circle(int r) implements Shape {}
      record Square(int side) implements Shape {}
      record Rect(int w, int h) implements Shape {}
      record Point(int x, int y) {}
      record Line(Point from, Point to) {}
      """;

  private static Object value(String main) {
    TestPrograms.Run run = runMain(SHAPES + main);
    if (run.thrown() != null) {
      throw new AssertionError("the program threw", run.thrown());
    }
    return run.value();
  }

  @Test
  void recordPatternVariablesOfAnInstanceofKeepTheirValuesAcrossAnAwait() {
    assertThat(
            value(
                """
                @Async static Coroutine<String> main() {
                  Object o = new Point(1, 2);
                  if (o instanceof Point(int x, var y)) {
                    Await.of(sleep(1));
                    log("point " + x + "," + y);
                  }
                  Object line = new Line(new Point(3, 4), new Point(5, 6));
                  if (line instanceof Line(Point(var x1, int y1), Point to) && Await.of(later(x1)) == 3) {
                    log("from " + x1 + "," + y1 + " to " + to.x() + "," + Await.of(later(to.y())));
                  }
                  return done(log.toString());
                }
                """))
        .isEqualTo("point 1,2;from 3,4 to 5,6;");
  }

  @Test
  void aSwitchStatementOnASealedTypeWithAwaitsInItsCases() {
    assertThat(
            value(
                """
                @Async static Coroutine<String> main() {
                  for (Shape shape : List.of(new Circle(1), new Square(2), new Rect(3, 4), new Rect(5, 5))) {
                    switch (shape) {
                      case Circle c -> {
                        Await.of(sleep(1));
                        log("circle " + c.r());
                      }
                      case Square s -> log("square " + Await.of(later(s.side() * s.side())));
                      case Rect(int w, int h) when w == h -> {
                        Await.of(sleep(1));
                        log("square rect " + w);
                      }
                      case Rect(int w, int h) -> {
                        int area = Await.of(later(w * h));
                        log("rect " + w + "x" + h + "=" + area);
                      }
                    }
                  }
                  return done(log.toString());
                }
                """))
        .isEqualTo("circle 1;square 4;rect 3x4=12;square rect 5;");
  }

  @Test
  void guardsSeeTheCasesBindingsAndLocalsKeptAcrossAwaits() {
    assertThat(
            value(
                """
                @Async static Coroutine<String> main() {
                  int limit = Await.of(later(2));
                  for (Object o : List.of(1, 5, "ab", "abc", 2.5)) {
                    switch (o) {
                      case Integer i when i > limit:
                        Await.of(sleep(1));
                        log("big " + i);
                        break;
                      case Integer i:
                        log("small " + Await.of(later(i)));
                        break;
                      default:
                        switch (o) {
                          case String s when s.length() > limit -> {
                            Await.of(sleep(1));
                            log("long " + s);
                          }
                          case String s -> log("short " + s);
                          default -> log("other " + Await.of(later(o)));
                        }
                    }
                  }
                  return done(log.toString());
                }
                """))
        .isEqualTo("small 1;big 5;short ab;long abc;other 2.5;");
  }

  @Test
  void caseNullAndCaseNullDefault() {
    assertThat(
            value(
                """
                @Async static Coroutine<String> main() {
                  for (String s : Arrays.asList("a", null, "b")) {
                    switch (s) {
                      case null -> log("null " + Await.of(later(0)));
                      case "a" -> log("a");
                      default -> log("default " + Await.of(later(s)));
                    }
                  }
                  for (Object o : Arrays.asList(null, 7, "x")) {
                    switch (o) {
                      case Integer n -> log("int " + Await.of(later(n)));
                      case null, default -> {
                        Await.of(sleep(1));
                        log("null or other " + o);
                      }
                    }
                  }
                  return done(log.toString());
                }
                """))
        .isEqualTo("a;null 0;default b;null or other null;int 7;null or other x;");
  }

  @Test
  void aSwitchExpressionWithPatternsThatAwaitsInItsArms() {
    assertThat(
            value(
                """
                @Async static Coroutine<String> main() {
                  int total = 0;
                  for (Shape shape : List.of(new Circle(1), new Square(2), new Rect(3, 4))) {
                    total += switch (shape) {
                      case Circle c -> Await.of(later(3 * c.r() * c.r()));
                      case Square s -> {
                        int area = Await.of(later(s.side())) * s.side();
                        yield area;
                      }
                      case Rect(var w, var h) -> w * Await.of(later(h));
                    };
                  }
                  return done("total " + total);
                }
                """))
        .isEqualTo("total 19");
  }

  @Test
  void twoCasesBindingTheSameNameKeepTwoValues() {
    assertThat(
            value(
                """
                @Async static Coroutine<String> main() {
                  for (Object o : List.of(4, "x")) {
                    switch (o) {
                      case Integer v -> {
                        Await.of(sleep(1));
                        log("int " + (v + 1));
                      }
                      case String v -> {
                        Await.of(sleep(1));
                        log("string " + v.toUpperCase());
                      }
                      default -> log("other");
                    }
                  }
                  return done(log.toString());
                }
                """))
        .isEqualTo("int 5;string X;");
  }

  @Test
  void anAwaitInACaseGuardIsRefusedAtItsLine() {
    JavaFileObject source =
        classWith(
            "Program",
            SHAPES
                + """
                @Async static Coroutine<String> describe(Shape shape) {
                  switch (shape) {
                    case Circle c when Await.of(later(c.r())) > 1 -> log("big circle");
                    default -> log("other");
                  }
                  return done(log.toString());
                }
                """);
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "Await.of cannot be used in the guard of a case ('when ...'): the guard is tested while"
                + " the switch chooses its case, and that choice cannot stop half-way and resume."
                + " Await before the switch, into a local, and test the local in the guard.")
        .inFile(source)
        .onLineContaining("case Circle c when");
  }
}
