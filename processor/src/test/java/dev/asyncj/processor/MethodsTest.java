package dev.asyncj.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.asyncj.processor.TestPrograms.compileOrFail;
import static dev.asyncj.processor.TestPrograms.run;
import static dev.asyncj.processor.TestPrograms.runMain;

import com.google.testing.compile.JavaFileObjects;
import org.junit.jupiter.api.Test;

/** @Async methods of every kind of class, overloaded, recursive, and calling each other across packages. */
class MethodsTest {
  @Test
  void innerClassMethodsUseTheirOwnAndTheOuterInstance() {
    var compilation =
        compileOrFail(
            JavaFileObjects.forSourceString(
                "test.Account",
                """
                package test;

                import dev.asyncj.*;
                import static dev.asyncj.Asyncio.*;

                public class Account {
                  int balance = 100;
                  final String owner = "ann";

                  class Withdrawal {
                    final int amount;

                    Withdrawal(int amount) {
                      this.amount = amount;
                    }

                    @Async Coroutine<String> apply() {
                      Await.of(sleep(1));
                      balance -= amount;
                      Account.this.balance -= 1;
                      return done(owner + " " + balance + " " + this.amount);
                    }
                  }

                  @Async static Coroutine<String> main() {
                    Account account = new Account();
                    return done(Await.of(account.new Withdrawal(10).apply()));
                  }
                }
                """));
    assertThat(run(compilation, "Account", "main").value()).isEqualTo("ann 89 10");
  }

  @Test
  void innerClassMethodsThatDoNotUseTheOuterInstance() {
    // javac 18 and later keep no this$0 in an inner class that does not use it: the state machine
    // must not need one. A constant of the outer class is its value, as javac compiles it.
    var compilation =
        compileOrFail(
            JavaFileObjects.forSourceString(
                "test.Account",
                """
                package test;

                import dev.asyncj.*;
                import static dev.asyncj.Asyncio.*;

                public class Account {
                  final String currency = "EUR";

                  class Deposit {
                    int amount = 10;

                    @Async Coroutine<String> apply() {
                      Await.of(sleep(1));
                      amount += 5;
                      return done(amount + " " + currency);
                    }
                  }

                  class Audit {
                    @Async Coroutine<String> check(int count) {
                      Await.of(sleep(1));
                      return done("checked " + count);
                    }
                  }

                  @Async static Coroutine<String> main() {
                    Account account = new Account();
                    return done(Await.of(account.new Deposit().apply()) + ", "
                        + Await.of(account.new Audit().check(3)));
                  }
                }
                """));
    assertThat(run(compilation, "Account", "main").value()).isEqualTo("15 EUR, checked 3");
  }

  @Test
  void recordsInterfacesAndOverloads() {
    var compilation =
        compileOrFail(
            JavaFileObjects.forSourceString(
                "test.Shapes",
                """
                package test;

                import dev.asyncj.*;
                import static dev.asyncj.Asyncio.*;

                public class Shapes {
                  interface Shape {
                    double area();

                    @Async default Coroutine<String> describe() {
                      Await.of(sleep(1));
                      return done(getClass().getSimpleName() + " " + area());
                    }

                    @Async static Coroutine<Double> total(Shape... shapes) {
                      double sum = 0;
                      for (Shape shape : shapes) {
                        Await.of(sleep(1));
                        sum += shape.area();
                      }
                      return done(sum);
                    }
                  }

                  record Square(double side) implements Shape {
                    public double area() {
                      return side * side;
                    }

                    @Async Coroutine<Square> grow(double by) {
                      Await.of(sleep(1));
                      return done(new Square(side + this.side * 0 + by));
                    }

                    @Async Coroutine<Square> grow() {
                      return done(Await.of(grow(1)));
                    }
                  }

                  @Async static Coroutine<Integer> fib(int n) {
                    if (n < 2) {
                      return done(n);
                    }
                    Await.of(sleep(0));
                    return done(Await.of(fib(n - 1)) + Await.of(fib(n - 2)));
                  }

                  @Async static Coroutine<String> main() {
                    Square square = Await.of(new Square(2).grow());
                    return done(
                        Await.of(square.describe())
                            + " " + Await.of(Shape.total(square, new Square(1)))
                            + " " + Await.of(fib(10)));
                  }
                }
                """));
    assertThat(run(compilation, "Shapes", "main").value()).isEqualTo("Square 9.0 10.0 55");
  }

  @Test
  void asyncMethodsCallEachOtherAcrossPackages() {
    var compilation =
        compileOrFail(
            JavaFileObjects.forSourceString(
                "other.Remote",
                """
                package other;

                import dev.asyncj.*;
                import static dev.asyncj.Asyncio.*;

                public class Remote {
                  @Async public static Coroutine<String> fetch(String key) {
                    Await.of(sleep(1));
                    return done("value of " + key);
                  }
                }
                """),
            JavaFileObjects.forSourceString(
                "test.Local",
                """
                package test;

                import dev.asyncj.*;
                import static dev.asyncj.Asyncio.*;
                import other.Remote;

                public class Local {
                  @Async static Coroutine<String> main() {
                    return done(Await.of(Remote.fetch("k")));
                  }
                }
                """));
    assertThat(run(compilation, "Local", "main").value()).isEqualTo("value of k");
  }

  @Test
  void aLocalClassIsFineInAMethodThatDoesNotAwait() {
    TestPrograms.Run run =
        runMain(
            """
            @Async static Coroutine<String> main() {
              record Pair(int a, int b) {}
              return done(new Pair(1, 2).toString());
            }
            """);
    assertThat(run.value()).isEqualTo("Pair[a=1, b=2]");
  }
}
