package dev.asyncj;

import dev.asyncj.internal.AsyncSource;

/**
 * What a coroutine's class says about the {@code @Async} method it came from ({@link AsyncSource}),
 * read once per class: its Python-like qualified name, and a stack frame for where it is now.
 */
final class SourceInfo {
  private static final ClassValue<SourceInfo> BY_CLASS =
      new ClassValue<>() {
        @Override
        protected SourceInfo computeValue(Class<?> type) {
          return new SourceInfo(type, type.getAnnotation(AsyncSource.class));
        }
      };

  private final AsyncSource source;
  private final String qualifiedName;

  private SourceInfo(Class<?> type, AsyncSource source) {
    this.source = source;
    if (source == null) {
      this.qualifiedName = type.getSimpleName();
    } else {
      String className = source.className();
      String simple = className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
      this.qualifiedName = simple + "." + source.method();
    }
  }

  static SourceInfo of(Class<?> type) {
    return BY_CLASS.get(type);
  }

  /** {@code Download.printNumbers}: Python's {@code __qualname__}. */
  String qualifiedName() {
    return qualifiedName;
  }

  /** Whether the class is a generated state machine with its source recorded. */
  boolean known() {
    return source != null;
  }

  /**
   * A stack frame naming the user's method and the line of {@code state}: {@code
   * demo.Download.printNumbers(Download.java:15)}.
   */
  StackTraceElement frameAt(int state) {
    int[] lines = source.lines();
    int line = state >= 0 && state < lines.length ? lines[state] : (lines.length > 0 ? lines[0] : -1);
    return new StackTraceElement(source.className(), source.method(), source.file(), line);
  }

  /**
   * A stack frame naming the user's method, for a frame of the state machine's code whose line
   * (already the user's, since the class-file step maps it) is {@code line}.
   */
  StackTraceElement frameAtLine(int line) {
    return new StackTraceElement(source.className(), source.method(), source.file(), line);
  }

  /**
   * Whether {@code frame} runs the user's {@code @Async} method itself, whose body the class-file
   * step replaced with the construction of this state machine.
   */
  boolean isTheAsyncMethod(StackWalker.StackFrame frame) {
    return known()
        && frame.getClassName().equals(source.className())
        && frame.getMethodName().equals(source.method());
  }
}
