package dev.asyncj.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.asyncj.Coroutine;
import dev.asyncj.EventLoop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * Compiles small programs with the asyncj processor and runs them: the way the processor's tests
 * check a transformation by what it does, not by what it looks like.
 */
final class TestPrograms {
  private TestPrograms() {}

  /** The imports every test class starts with, so tests show only what matters. */
  static final String IMPORTS =
      "import dev.asyncj.*;\n"
          + "import static dev.asyncj.Asyncio.*;\n"
          + "import java.util.*;\n";

  /** A compiler with the processor, warnings on, as a strict user would compile. */
  static Compiler compiler() {
    return Compiler.javac().withProcessors(new AsyncProcessor()).withOptions("-Xlint:all", "-Xlint:-processing");
  }

  /** {@code package test; <imports> public class <name> { <members> }}. */
  static JavaFileObject classWith(String name, String members) {
    return JavaFileObjects.forSourceString(
        "test." + name, "package test;\n\n" + IMPORTS + "\npublic class " + name + " {\n" + members + "\n}\n");
  }

  static Compilation compile(JavaFileObject... sources) {
    return compiler().compile(sources);
  }

  /** Compiles, and fails the test with javac's diagnostics if it did not succeed. */
  static Compilation compileOrFail(JavaFileObject... sources) {
    Compilation compilation = compile(sources);
    assertWithMessage("compilation failed:\n%s", compilation.diagnostics())
        .that(compilation.status())
        .isEqualTo(Compilation.Status.SUCCESS);
    return compilation;
  }

  /** What running a program printed, and what its coroutine returned. */
  record Run(String output, Object value, Throwable thrown, double virtualTime) {}

  /**
   * Calls the static no-argument method {@code method} of {@code test.<className>}, runs the
   * coroutine it returns on a loop with a virtual clock, and returns what it printed and returned.
   */
  static Run run(Compilation compilation, String className, String method) {
    return runClass(compilation, "test." + className, method);
  }

  /** {@link #run}, for the class named {@code binaryName} (in any package, or in none). */
  static Run runClass(Compilation compilation, String binaryName, String method) {
    String className = binaryName;
    ClassLoader loader = new CompiledClassLoader(compilation);
    PrintStream originalOut = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    EventLoop loop = EventLoop.withVirtualClock();
    try {
      Class<?> type = loader.loadClass(binaryName);
      Method entry = type.getDeclaredMethod(method);
      entry.setAccessible(true);
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      Coroutine<?> coroutine = (Coroutine<?>) entry.invoke(null);
      Object value = null;
      Throwable thrown = null;
      try {
        value = loop.runUntilComplete(coroutine);
      } catch (Throwable e) {
        thrown = e;
      }
      return new Run(printed.toString(StandardCharsets.UTF_8), value, thrown, loop.time());
    } catch (ReflectiveOperationException e) {
      Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
      throw new AssertionError("could not call " + className + "." + method + "()", cause);
    } finally {
      System.setOut(originalOut);
      loop.close();
    }
  }

  /** Compiles a class with {@code members} and runs its {@code main()} coroutine. */
  static Run runMain(String members) {
    return run(compileOrFail(classWith("Program", members)), "Program", "main");
  }

  /** Loads the classes a compilation wrote (patched class files included). */
  static final class CompiledClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes = new HashMap<>();

    CompiledClassLoader(Compilation compilation) {
      super(TestPrograms.class.getClassLoader());
      for (JavaFileObject file : compilation.generatedFiles()) {
        if (file.getKind() != JavaFileObject.Kind.CLASS) {
          continue;
        }
        String path = file.toUri().getPath();
        String binaryName =
            path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length(), path.length() - ".class".length())
                .replace('/', '.');
        try (InputStream in = file.openInputStream()) {
          classes.put(binaryName, in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
