package dev.asyncj.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.asyncj.processor.TestPrograms.classWith;
import static dev.asyncj.processor.TestPrograms.compile;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every construct the processor rejects: the message says what is wrong and what to do, and it
 * points at the user's line.
 */
class ProcessorErrorsTest {
  private static void assertRejected(String members, String message, String onLineContaining) {
    JavaFileObject source = classWith("Program", members);
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(onLineContaining);
  }

  @Test
  void anAsyncMethodMustReturnACoroutine() {
    assertRejected(
        """
        @Async static String hello() {
          return "World";
        }
        """,
        "@Async method hello() must return Coroutine<T>, not String: calling it returns the"
            + " coroutine, and awaiting that gives the value. Declare it 'Coroutine<String>"
            + " hello(...)' and end it with 'return done(value);' ('return done();' for"
            + " Coroutine<Void>).",
        "static String hello()");
  }

  @Test
  void aVoidAsyncMethodIsToldToReturnCoroutineOfVoid() {
    assertRejected(
        """
        @Async static void run() {
        }
        """,
        "Declare it 'Coroutine<Void> run(...)'",
        "static void run()");
  }

  @Test
  void anAbstractMethodCannotBeAsync() {
    JavaFileObject source =
        com.google.testing.compile.JavaFileObjects.forSourceString(
            "test.Shape",
            """
            package test;

            import dev.asyncj.*;

            abstract class Shape {
              @Async abstract Coroutine<Double> area();
            }
            """);
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "@Async method area() is abstract, so it has no body to turn into a state machine."
                + " Put @Async on the methods that implement it")
        .inFile(source)
        .onLineContaining("abstract Coroutine<Double> area()");
  }

  @Test
  void aNativeMethodCannotBeAsync() {
    assertRejected(
        """
        @Async static native Coroutine<Void> call();
        """,
        "@Async method call() is native, so it has no body to turn into a state machine.",
        "native Coroutine<Void> call()");
  }

  @Test
  void aSynchronizedMethodCannotBeAsync() {
    assertRejected(
        """
        @Async synchronized Coroutine<Void> update() {
          return done();
        }
        """,
        "@Async method update() cannot be synchronized",
        "synchronized Coroutine<Void> update()");
  }

  @Test
  void aConstructorCannotBeAsync() {
    assertRejected(
        """
        @Async Program() {
        }
        """,
        "@Async cannot be used on a constructor: a constructor returns the new object, not a"
            + " coroutine. Write a static @Async factory method",
        "@Async Program()");
  }

  @Test
  void awaitOutsideAnAsyncMethod() {
    assertRejected(
        """
        static void plain() {
          Await.of(sleep(1));
        }
        """,
        "Await.of can only be used in an @Async method, and plain() is not one: only an @Async"
            + " method is turned into a state machine that can suspend. Mark it @Async and make it"
            + " return Coroutine<T>, or await in the @Async method that calls it.",
        "Await.of(sleep(1));");
  }

  @Test
  void awaitInsideALambda() {
    assertRejected(
        """
        @Async static Coroutine<Void> main() {
          Runnable later = () -> Await.of(sleep(1));
          return done();
        }
        """,
        "Await.of cannot be used inside a lambda: the lambda's body runs later, as an ordinary"
            + " method, so it cannot suspend main(). Await before the lambda and use the value"
            + " inside it, or move the lambda's work into an @Async method and await that.",
        "Runnable later");
  }

  @Test
  void awaitInsideAnAnonymousClass() {
    assertRejected(
        """
        @Async static Coroutine<Void> main() {
          Runnable later = new Runnable() {
            @Override public void run() {
              Await.of(sleep(1));
            }
          };
          return done();
        }
        """,
        "Await.of cannot be used inside the body of an anonymous or local class: its methods are"
            + " ordinary methods that cannot suspend main().",
        "Await.of(sleep(1));");
  }

  @Test
  void awaitInsideSynchronized() {
    assertRejected(
        """
        @Async static Coroutine<Void> main() {
          synchronized (Program.class) {
            Await.of(sleep(1));
          }
          return done();
        }
        """,
        "Await.of cannot be used inside a synchronized block: the monitor would be held while the"
            + " coroutine is suspended",
        "Await.of(sleep(1));");
  }

  @Test
  void awaitInAFieldInitializer() {
    assertRejected(
        """
        static Void nothing = Await.of(sleep(1));
        """,
        "Await.of cannot be used in the initializer of field nothing: it runs while the object or"
            + " class is created, which cannot suspend.",
        "static Void nothing");
  }

  @Test
  void awaitInAStaticInitializer() {
    assertRejected(
        """
        static {
          Await.of(sleep(1));
        }
        """,
        "Await.of cannot be used in a static initializer",
        "Await.of(sleep(1));");
  }

  @Test
  void awaitInAConstructor() {
    assertRejected(
        """
        Program() {
          Await.of(sleep(1));
        }
        """,
        "Await.of cannot be used in a constructor",
        "Await.of(sleep(1));");
  }

  @Test
  void awaitInAnAssert() {
    assertRejected(
        """
        @Async static Coroutine<Void> main() {
          assert Await.of(sleep(1)) == null;
          return done();
        }
        """,
        "Await.of cannot be used inside an assert statement: whether it runs would depend on -ea.",
        "assert Await.of");
  }

  @Test
  void awaitAsAMethodReference() {
    assertRejected(
        """
        @Async static Coroutine<Void> main() {
          java.util.function.Function<Coroutine<Void>, Void> f = Await::of;
          return done();
        }
        """,
        "Await::of cannot be used as a method reference: an await must be written where the method"
            + " suspends.",
        "Await::of");
  }

  @Test
  void anAsyncMethodOfAnAnonymousClass() {
    assertRejected(
        """
        static Object make() {
          return new Object() {
            @Async Coroutine<Void> inner() {
              return done();
            }
          };
        }
        """,
        "@Async method inner is declared in a local or anonymous class",
        "Coroutine<Void> inner()");
  }

  @Test
  void superInAnAsyncMethod() {
    assertRejected(
        """
        @Async Coroutine<String> describe() {
          Await.of(sleep(1));
          return done(super.toString());
        }
        """,
        "'super.toString' cannot be used in @Async method describe(): the body runs in the"
            + " generated state-machine class, which cannot call your superclass's version.",
        "super.toString()");
  }

  @Test
  void superOfTheMethodsClassInsideAnAnonymousClass() {
    // Program.super in the anonymous class is the method's super, as super is outside it.
    assertRejected(
        """
        @Async Coroutine<Object> describe() {
          Await.of(sleep(1));
          return done(new Object() {
            @Override public String toString() {
              return super.toString() + Program.super.toString();
            }
          });
        }
        """,
        "'super.toString' cannot be used in @Async method describe(): the body runs in the"
            + " generated state-machine class, which cannot call your superclass's version.",
        "Program.super.toString()");
  }

  @Test
  void aPrivateFieldUsedInsideAnAnonymousClassOfAnAsyncMethod() {
    assertRejected(
        """
        private int count;

        @Async Coroutine<Runnable> next() {
          Await.of(sleep(1));
          return done(new Runnable() {
            @Override public void run() {
              count++;
            }
          });
        }
        """,
        "Field Program.count is private, and @Async method next() uses it where the generated class"
            + " Program$next cannot reach it: in the body of a nested class, or with a private type in"
            + " its signature, or in an interface or another class. Make it package-private (remove"
            + " 'private').",
        "count++;");
  }

  @Test
  void aPrivateFieldUsedThroughOuterThisInsideAnAnonymousClass() {
    assertRejected(
        """
        private int count;

        @Async Coroutine<Runnable> next() {
          Await.of(sleep(1));
          return done(new Runnable() {
            @Override public void run() {
              Program.this.count++;
            }
          });
        }
        """,
        "Field Program.count is private, and @Async method next() uses it where the generated class"
            + " Program$next cannot reach it: in the body of a nested class,",
        "Program.this.count++;");
  }

  @Test
  void aProtectedMemberInheritedFromAnotherPackage() {
    JavaFileObject base =
        com.google.testing.compile.JavaFileObjects.forSourceString(
            "shapes.Shape",
            """
            package shapes;

            public class Shape {
              protected int size() {
                return 3;
              }
            }
            """);
    JavaFileObject square =
        com.google.testing.compile.JavaFileObjects.forSourceString(
            "test.Square",
            """
            package test;

            import dev.asyncj.*;
            import static dev.asyncj.Asyncio.*;

            public class Square extends shapes.Shape {
              @Async Coroutine<Integer> area() {
                Await.of(sleep(1));
                return done(size() * size());
              }
            }
            """);
    Compilation compilation = compile(base, square);
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "Method Shape.size() is protected and declared in another package (shapes), and @Async"
                + " method area() uses it: the body runs in the generated class Square$area, which"
                + " is not a subclass. Call it through an ordinary (package-private) helper method"
                + " of your class. For example: int baseSize() { return size(); }")
        .inFile(square)
        .onLineContaining("return done(size() * size());");
  }

  @Test
  void returnNullInsteadOfDone() {
    assertRejected(
        """
        @Async static Coroutine<String> find() {
          return null;
        }
        """,
        "'return null;' in @Async method find() returns no coroutine at all. Write 'return"
            + " done(null);' for a null value, or 'return done();' in a Coroutine<Void> method.",
        "return null;");
  }

  // Constructs that the next version takes apart; until then they are refused, never mistranslated.

  @Test
  void aLocalClassInAMethodThatAwaits() {
    assertRejected(
        """
        @Async static Coroutine<String> main() {
          class Box {
            String value = "x";
          }
          Await.of(sleep(1));
          return done(new Box().value);
        }
        """,
        "A local class cannot be declared in an @Async method that awaits: the method is cut into"
            + " states, and the class's name would only be known in one of them. Declare it as a"
            + " member of the enclosing class instead.",
        "class Box {");
  }

  @Test
  void anInstanceTwoClassesOut() {
    assertRejected(
        """
        int counter;

        class Middle {
          class Inner {
            @Async Coroutine<Integer> read() {
              Await.of(sleep(1));
              return done(counter);
            }
          }
        }
        """,
        "'counter' in @Async method read() refers to an instance two or more classes out",
        "return done(counter);");
  }

  @Test
  void anInstanceTwoClassesOutInsideAnAnonymousClass() {
    assertRejected(
        """
        int counter;

        class Middle {
          class Inner {
            @Async Coroutine<Runnable> read() {
              Await.of(sleep(1));
              return done(new Runnable() {
                @Override public void run() {
                  Program.this.counter++;
                }
              });
            }
          }
        }
        """,
        "'Program.this' in @Async method read() refers to an instance two or more classes out",
        "Program.this.counter++;");
  }

  @Test
  void aVarOfAnAnonymousClassAcrossAnAwait() {
    assertRejected(
        """
        @Async static Coroutine<Integer> main() {
          var counter = new Object() {
            int count;
          };
          Await.of(sleep(1));
          counter.count++;
          return done(counter.count);
        }
        """,
        "'var counter' has a type that cannot be written down (an anonymous or local class), so it"
            + " cannot be kept across an await in a field of the state machine. Declare the variable"
            + " with a named type.",
        "var counter = new Object()");
  }

  @Test
  void anAsyncWithInAnOrdinaryMethod() {
    assertRejected(
        """
        static void plain() {
          try (TaskGroup tg = new TaskGroup()) {
            tg.createTask(sleep(1));
          }
        }
        """,
        "tg is an AsyncCloseable, Python's async with: its try-with-resources must be directly in"
            + " an @Async method, which awaits its entry and exit, and method plain() is not. Move"
            + " the block into an @Async method and await that.",
        "try (TaskGroup tg = new TaskGroup())");
  }

  @Test
  void anAsyncWithInALambdaOfAnAsyncMethod() {
    assertRejected(
        """
        @Async static Coroutine<Void> main() {
          Timeout deadline = timeout(1);
          Runnable later = () -> {
            try (deadline) {
              System.out.println("in time");
            }
          };
          later.run();
          return done();
        }
        """,
        "deadline is an AsyncCloseable, Python's async with: its try-with-resources must be"
            + " directly in an @Async method, which awaits its entry and exit, and a lambda is not.",
        "try (deadline)");
  }
}
