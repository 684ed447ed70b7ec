package dev.asyncj.demo;

import dev.asyncj.Coroutine;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Example {@code download}: the README's {@code Download.java}, the tutorial's async example in
 * one class, as the README shows it beside the Python and as its "Read the generated code" section
 * walks through it ({@code explain download}). Python: the tutorial's second script, without its
 * timing.
 *
 * <p>The file is {@code src/main/java/Download.java}, in the unnamed package as in the README,
 * where a reader compiles it with plain javac; code in a package cannot name a class of the
 * unnamed package, so it is found by name.
 */
final class ReadmeDownload {
  private ReadmeDownload() {}

  /** The class {@code Download} of the README. */
  static final Class<?> CODE = load();

  private static Class<?> load() {
    try {
      return Class.forName("Download", false, ReadmeDownload.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("the demo was built without src/main/java/Download.java", e);
    }
  }

  /** What {@code Download.main} does, {@code run(amain())}, with the given way to run it. */
  static void show(AsyncioRun asyncioRun) {
    asyncioRun.run(amain(), false);
  }

  private static Coroutine<?> amain() {
    try {
      Method amain = CODE.getDeclaredMethod("amain");
      amain.setAccessible(true); // package-private, in another package (the unnamed one)
      return (Coroutine<?>) amain.invoke(null);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
