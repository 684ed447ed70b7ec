package dev.asyncj.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where a generated state machine came from: the {@code @Async} method, its file, and the line of
 * the method each state stands for. The runtime reads it to name a coroutine ({@code
 * Download.printNumbers}) and to show, in debug mode, where each awaiting coroutine is suspended
 * (Kotlin's {@code @DebugMetadata} does the same). Not named "Generated": coverage tools skip
 * classes so marked, and the user's code runs in these classes.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AsyncSource {
  /** The binary name of the class that declares the method, e.g. {@code demo.Download}. */
  String className();

  /** The method's name, e.g. {@code printNumbers}. */
  String method();

  /** The simple name of the method's source file, e.g. {@code Download.java}. */
  String file();

  /** For each state, in order: the line of the method where that state starts. */
  int[] lines();
}
