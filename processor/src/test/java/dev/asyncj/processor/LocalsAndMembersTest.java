package dev.asyncj.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.asyncj.processor.TestPrograms.compileOrFail;
import static dev.asyncj.processor.TestPrograms.run;
import static dev.asyncj.processor.TestPrograms.runClass;
import static dev.asyncj.processor.TestPrograms.runMain;

import com.google.testing.compile.JavaFileObjects;
import org.junit.jupiter.api.Test;

/** Locals, parameters and members used across awaits keep their values and their meaning. */
class LocalsAndMembersTest {
  @Test
  void localsOfEveryKindKeepTheirValuesAcrossAwaits() {
    TestPrograms.Run run =
        runMain(
            """
            @Async static Coroutine<String> main() {
              byte b = 1;
              short s = 2;
              char c = 'c';
              int i = 3;
              long l = 10_000_000_000L;
              float f = 1.5f;
              double d = 3.5;
              boolean flag = true;
              Integer boxed = 7;
              String text = null;
              List<Map<String, Integer>> generic = new ArrayList<>();
              int[][] grid = {{1, 2}, {3, 4}};
              var inferred = new TreeMap<String, List<Long>>();
              Await.of(sleep(1));
              generic.add(Map.of("k", boxed));
              inferred.put("x", List.of(l));
              text = "" + b + s + c + i + l + f + d + flag + boxed + generic + grid[1][0] + inferred;
              Await.of(sleep(1));
              return done(text);
            }
            """);
    assertThat(run.value()).isEqualTo("12c3100000000001.53.5true7[{k=7}]3{x=[10000000000]}");
  }

  @Test
  void memberTypesOfAClassInTheUnnamedPackage() {
    // A learner's first file often has no package. Its nested types cannot be imported by the
    // generated class (JLS 7.5), so the copied code must name them through their class.
    TestPrograms.Run run =
        runClass(
            compileOrFail(
                JavaFileObjects.forSourceString(
                    "Shop",
                    """
                    import dev.asyncj.*;
                    import static dev.asyncj.Asyncio.*;
                    import java.util.*;

                    public class Shop {
                      record Item(String name, int cents) {
                        static final Item NOTHING = new Item("nothing", 0);
                      }
                      enum Size { SMALL, LARGE }
                      static class Cart {
                        static class Line { int count = 1; }
                        final List<Item> items = new ArrayList<>();
                      }

                      @Async static Coroutine<Item> fetch(String name) {
                        Await.of(sleep(1));
                        return done(new Item(name, name.length() * 100));
                      }

                      @Async static Coroutine<String> main() {
                        Cart cart = new Cart();
                        Cart.Line line = new Cart.Line();
                        Size size = Size.LARGE;
                        Item first = Await.of(fetch("tea"));
                        cart.items.add(first);
                        cart.items.add(Await.of(fetch("cake")));
                        Object any = cart.items.get(1);
                        int total = 0;
                        for (Item item : cart.items) {
                          total += ((Item) any).cents() > 0 ? item.cents() : 0;
                          Await.of(sleep(1));
                        }
                        switch (size) {
                          case SMALL -> total = 0;
                          case LARGE -> total += Await.of(fetch("x")).cents() * line.count;
                        }
                        List<Item> none = List.of(Item.NOTHING);
                        return done(first.name() + " " + total + " " + size + " " + none.get(0).name());
                      }
                    }
                    """)),
            "Shop",
            "main");
    assertThat(run.value()).isEqualTo("tea 800 LARGE nothing");
  }

  @Test
  void aLocalAssignedInOnlyOneBranchBeforeAnAwait() {
    TestPrograms.Run run =
        runMain(
            """
            @Async static Coroutine<Integer> main() {
              int x;
              if (Math.abs(-1) == 1) {
                x = 3;
              } else {
                x = 4;
              }
              Await.of(sleep(1));
              return done(x);
            }
            """);
    assertThat(run.value()).isEqualTo(3);
  }

  @Test
  void theSameNameInTwoBlocksIsTwoVariables() {
    TestPrograms.Run run =
        runMain(
            """
            @Async static Coroutine<String> main() {
              String out = "";
              {
                int n = 1;
                Await.of(sleep(1));
                out += n;
              }
              {
                int n = 20;
                Await.of(sleep(1));
                out += n;
              }
              return done(out);
            }
            """);
    assertThat(run.value()).isEqualTo("120");
  }

  @Test
  void parametersOfEveryKindArriveAndSurviveAwaits() {
    TestPrograms.Run run =
        runMain(
            """
            @Async static Coroutine<String> concat(
                int i, long l, double d, char c, boolean z, String s, int[] a, String... rest) {
              Await.of(sleep(1));
              s = s + "!";
              Await.of(sleep(1));
              return done(i + ":" + l + ":" + d + ":" + c + ":" + z + ":" + s + ":" + a[1] + ":" + rest.length);
            }

            @Async static Coroutine<String> main() {
              return done(Await.of(concat(5, 10_000_000_000L, 3.5, 'x', true, "zzz", new int[] {1, 2}, "p", "q")));
            }
            """);
    assertThat(run.value()).isEqualTo("5:10000000000:3.5:x:true:zzz!:2:2");
  }

  @Test
  void genericMethodsKeepTheirTypeParameters() {
    TestPrograms.Run run =
        runMain(
            """
            @Async static <T extends Comparable<T>> Coroutine<T> max(List<T> values) {
              T best = null;
              for (int i = 0; i < values.size(); i++) {
                Await.of(sleep(1));
                if (best == null || values.get(i).compareTo(best) > 0) {
                  best = values.get(i);
                }
              }
              return done(best);
            }

            @Async static Coroutine<String> main() {
              return done(Await.of(max(List.of(3, 9, 4))) + Await.of(max(List.of("a", "c", "b"))));
            }
            """);
    assertThat(run.value()).isEqualTo("9c");
  }

  @Test
  void instanceMethodsUseThisFieldsAndOtherMethods() {
    var compilation =
        compileOrFail(
            JavaFileObjects.forSourceString(
                "test.Counter",
                """
                package test;

                import dev.asyncj.*;
                import static dev.asyncj.Asyncio.*;

                public class Counter {
                  int count;
                  final String name;
                  static int created;

                  Counter(String name) {
                    this.name = name;
                    created++;
                  }

                  String describe() {
                    return name + "=" + count;
                  }

                  @Async Coroutine<String> add(int times) {
                    for (int i = 0; i < times; i++) {
                      count++;
                      this.count += 10;
                      Await.of(sleep(1));
                    }
                    return done(describe() + " " + this.describe().length() + " " + created);
                  }

                  @Async static Coroutine<String> main() {
                    Counter counter = new Counter("c");
                    String first = Await.of(counter.add(2));
                    return done(first + " / " + Await.of(new Counter("d").add(1)));
                  }
                }
                """));
    TestPrograms.Run run = run(compilation, "Counter", "main");
    assertThat(run.value()).isEqualTo("c=22 4 1 / d=11 4 2");
  }

  /**
   * The processor asks javac for the scope of a place in a body (for the types of hoisted locals,
   * and of every try-with-resources, async or not); javac 17 failed there after a {@code ?:}
   * calling an instance method by its simple name (JDK-8347989), even in an ordinary method.
   */
  @Test
  void aConditionalCallingAnInstanceMethodByItsSimpleName() {
    var compilation =
        compileOrFail(
            JavaFileObjects.forSourceString(
                "test.Scores",
                """
                package test;

                import dev.asyncj.*;
                import static dev.asyncj.Asyncio.*;
                import java.io.StringReader;

                public class Scores {
                  int bonus = 5;

                  int twice(int n) {
                    return 2 * n + bonus;
                  }

                  char first(boolean doubled) throws java.io.IOException {
                    int code = doubled ? twice(1) : 0;
                    try (StringReader reader = new StringReader("" + code)) {
                      return (char) reader.read();
                    }
                  }

                  @Async Coroutine<String> score(int n) {
                    int kept = n > 0 ? twice(n) : 0;
                    var nested = n < 0 ? 1 : (n > 9 ? 2 : (twice(2)));
                    Await.of(sleep(1));
                    return done(kept + " " + nested);
                  }

                  @Async static Coroutine<String> main() throws java.io.IOException {
                    Scores scores = new Scores();
                    return done(Await.of(scores.score(3)) + " " + scores.first(true));
                  }
                }
                """));
    TestPrograms.Run run = run(compilation, "Scores", "main");
    assertThat(run.value()).isEqualTo("11 9 7");
  }

  /**
   * An anonymous class of the body becomes one of the state machine: the names it uses of the
   * method's class are qualified as in the body, those it declares or inherits are its own.
   */
  @Test
  void namesInAnAnonymousClassMeanWhatTheyMeanInTheMethod() {
    var compilation =
        compileOrFail(
            JavaFileObjects.forSourceString(
                "test.Mix",
                """
                package test;

                import dev.asyncj.*;
                import static dev.asyncj.Asyncio.*;
                import java.util.function.IntSupplier;

                public class Mix {
                  static final int K = 7;
                  int size = 100;
                  String name = "mix";

                  static int triple(int v) {
                    return v * 3;
                  }

                  int plus(int v) {
                    return v + size;
                  }

                  @Override public String toString() {
                    return "Mix!";
                  }

                  abstract static class Base {
                    int size = 5;

                    int plus(int v) {
                      return v + 1000;
                    }

                    abstract int value();
                  }

                  @Async Coroutine<String> run(int a) {
                    IntSupplier ours = new IntSupplier() {
                      final int K = 1;  // hides Mix.K

                      @Override public int getAsInt() {
                        return triple(a) + K + plus(1) + size + name.length();
                      }

                      @Override public String toString() {
                        return "ours " + getClass().isAnonymousClass();
                      }
                    };
                    Base inherited = new Base() {
                      @Override int value() {
                        return plus(size) + triple(1);  // Base's plus and size
                      }
                    };
                    Mix sub = new Mix() {
                      @Override public String toString() {
                        return "sub " + size + " " + plus(0);
                      }
                    };
                    Await.of(sleep(1));
                    return done(ours.getAsInt() + " " + ours + " " + inherited.value() + " " + sub
                        + " " + this);
                  }

                  @Async static Coroutine<String> main() {
                    return done(Await.of(new Mix().run(2)));
                  }
                }
                """));
    TestPrograms.Run run = run(compilation, "Mix", "main");
    assertThat(run.value()).isEqualTo("211 ours true 1008 sub 100 100 Mix!");
  }

  @Test
  void enclosingInstancesInsideAnonymousClassesAndLambdas() {
    // Inside an anonymous class, Till.this and Shop.this are the method's object and its enclosing
    // instance; this, super and Greeter.super are the anonymous class's own.
    var compilation =
        compileOrFail(
            JavaFileObjects.forSourceString(
                "test.Shop",
                """
                package test;

                import dev.asyncj.*;
                import static dev.asyncj.Asyncio.*;
                import java.util.function.Supplier;

                public class Shop {
                  final String name = "corner";

                  interface Greeter {
                    default String greet() {
                      return "hello";
                    }

                    String line();
                  }

                  static class Base {
                    String kind() {
                      return "base";
                    }
                  }

                  class Till {
                    final int number = 4;

                    @Override public String toString() {
                      return "till" + number;
                    }

                    @Async Coroutine<String> report() {
                      Await.of(sleep(1));
                      Supplier<String> lambda =
                          () -> this.number + " " + Till.this.number + " " + Shop.this.name + " "
                              + this;
                      Greeter greeter = new Greeter() {
                        final int number = 9;  // hides Till's number

                        @Override public String line() {
                          return Greeter.super.greet() + " " + number + " " + this.number + " "
                              + Till.this.number + " " + Shop.this.name + " " + Till.this;
                        }
                      };
                      Base base = new Base() {
                        @Override String kind() {
                          Supplier<String> inner =
                              () -> super.kind() + " " + Till.this + " " + Shop.this.name;
                          return "anon " + super.kind() + " " + inner.get();
                        }
                      };
                      Supplier<String> deeper = new Supplier<>() {
                        @Override public String get() {
                          class Local {
                            final String label = "local";

                            String show() {
                              return Local.this.label + " " + test.Shop.Till.this + " "
                                  + Shop.this.name;
                            }
                          }
                          return new Object() {
                            @Override public String toString() {
                              return new Local().show() + " " + Till.this.number;
                            }
                          }.toString();
                        }
                      };
                      Await.of(sleep(1));
                      return done(lambda.get() + " | " + greeter.line() + " | " + base.kind()
                          + " | " + deeper.get());
                    }
                  }

                  @Async Coroutine<String> open() {
                    Supplier<String> sign = new Supplier<>() {
                      @Override public String get() {
                        return Shop.this.name + " " + (Shop.this == Shop.this.self());
                      }
                    };
                    Await.of(sleep(1));
                    return done(sign.get() + " | " + Await.of(new Till().report()));
                  }

                  Shop self() {
                    return this;
                  }

                  @Async static Coroutine<String> main() {
                    return done(Await.of(new Shop().open()));
                  }
                }
                """));
    TestPrograms.Run run = run(compilation, "Shop", "main");
    assertThat(run.value())
        .isEqualTo(
            "corner true | 4 4 corner till4 | hello 9 9 4 corner till4"
                + " | anon base base till4 corner | local till4 corner 4");
  }

  @Test
  void newOfAnInnerClassGetsTheInstanceItBelongsTo() {
    var compilation =
        compileOrFail(
            JavaFileObjects.forSourceString(
                "test.Shop",
                """
                package test;

                import dev.asyncj.*;
                import static dev.asyncj.Asyncio.*;

                public class Shop {
                  final String name;

                  Shop(String name) {
                    this.name = name;
                  }

                  class Order {
                    final int number;

                    Order(int number) {
                      this.number = number;
                    }

                    @Override public String toString() {
                      return name + "#" + number;
                    }
                  }

                  class Till {
                    @Async Coroutine<String> sell() {
                      Await.of(sleep(1));
                      Order order = new Order(2);  // Shop.this's order: the outer instance
                      return done(order + " " + new Order(3) { });
                    }
                  }

                  @Async Coroutine<String> take() {
                    Order first = new Order(1);  // this shop's order
                    Await.of(sleep(1));
                    return done(first + " " + Await.of(new Till().sell()));
                  }

                  @Async static Coroutine<String> main() {
                    return done(Await.of(new Shop("corner").take()));
                  }
                }
                """));
    TestPrograms.Run run = run(compilation, "Shop", "main");
    assertThat(run.value()).isEqualTo("corner#1 corner#2 corner#3");
  }

  @Test
  void newOfAnInnerClassInAFileWithAnAnonymousSubclassOfAMemberClass() {
    // javac's own answer for what Till is went missing here (Trees.getElement gave null): new Till()
    // was copied without its instance and the state machine did not compile.
    var compilation =
        compileOrFail(
            JavaFileObjects.forSourceString(
                "test.Shop",
                """
                package test;

                import dev.asyncj.*;
                import static dev.asyncj.Asyncio.*;

                public class Shop {
                  String name = "corner";

                  static class Base {}

                  class Till {
                    @Async Coroutine<String> report() {
                      Base base = new Base() {};
                      Await.of(sleep(1));
                      return done(name + " " + base.getClass().isAnonymousClass());
                    }
                  }

                  @Async Coroutine<String> open() {
                    Await.of(sleep(1));
                    return done(Await.of(new Till().report()));
                  }

                  @Async static Coroutine<String> main() {
                    return done(Await.of(new Shop().open()));
                  }
                }
                """));
    assertThat(run(compilation, "Shop", "main").value()).isEqualTo("corner true");
  }

  @Test
  void membersOfAGenericClassAndANestedClass() {
    var compilation =
        compileOrFail(
            JavaFileObjects.forSourceString(
                "test.Outer",
                """
                package test;

                import dev.asyncj.*;
                import static dev.asyncj.Asyncio.*;
                import java.util.*;

                public class Outer {
                  static class Box<T> {
                    final List<T> items = new ArrayList<>();

                    @Async Coroutine<T> addLater(T item) {
                      Await.of(sleep(1));
                      items.add(item);
                      return done(items.get(items.size() - 1));
                    }
                  }

                  enum Color {
                    RED, GREEN;

                    @Async Coroutine<String> shout() {
                      Await.of(sleep(1));
                      return done(name() + "!");
                    }
                  }

                  @Async static Coroutine<String> main() {
                    Box<String> box = new Box<>();
                    String added = Await.of(box.addLater("x"));
                    return done(added + box.items + Await.of(Color.GREEN.shout()));
                  }
                }
                """));
    assertThat(run(compilation, "Outer", "main").value()).isEqualTo("x[x]GREEN!");
  }

  @Test
  void privateFieldsAndMethodsOfTheClassWork() {
    var compilation =
        compileOrFail(
            JavaFileObjects.forSourceString(
                "test.Wallet",
                """
                package test;

                import dev.asyncj.*;
                import static dev.asyncj.Asyncio.*;
                import java.util.*;

                public final class Wallet<T> {
                  private static final int LIMIT = 3;
                  private static int wallets;
                  private int coins;
                  private final List<T> log = new ArrayList<>();

                  private Wallet() {
                    wallets++;
                  }

                  private void note(T entry) {
                    log.add(entry);
                  }

                  private static <E> E last(List<E> list) throws java.io.IOException {
                    if (list.isEmpty()) {
                      throw new java.io.IOException("empty");
                    }
                    return list.get(list.size() - 1);
                  }

                  @Async Coroutine<String> add(T entry, int amount) throws java.io.IOException {
                    for (int i = 0; i < amount && coins < LIMIT; i++) {
                      Await.of(sleep(1));
                      coins++;
                      this.coins += 0;
                      note(entry);
                    }
                    switch (coins) {
                      case LIMIT:
                        return done("full " + last(log) + " " + this.log.size() + " " + wallets);
                      default:
                        return done("not full " + coins);
                    }
                  }

                  @Async static Coroutine<String> main() throws java.io.IOException {
                    Wallet<String> wallet = new Wallet<>();
                    return done(Await.of(wallet.add("x", 1)) + ", " + Await.of(wallet.add("y", 5)));
                  }
                }
                """));
    assertThat(run(compilation, "Wallet", "main").value()).isEqualTo("not full 1, full y 3 1");
  }
}
