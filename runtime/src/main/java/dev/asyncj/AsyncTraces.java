package dev.asyncj;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Debug mode's async stack traces: an exception leaving a coroutine gets, in its stack trace, the
 * chain of {@code @Async} methods awaiting it, each at the line where it awaits, as Python's
 * traceback shows the chain of awaiting coroutines.
 *
 * <p>Without it, a trace shows only the coroutine that threw, resumed by the loop: the coroutines
 * that wait for it are not on the Java stack, since a resumed coroutine is run by its task, not
 * called by its caller. With it:
 *
 * <pre>
 * java.lang.ArrayIndexOutOfBoundsException: Index 3 out of bounds for length 2
 *     at dev.asyncj.tests.traces.Checkout.price(Checkout.java:16)    the coroutine that threw
 *     at dev.asyncj.tests.traces.Checkout.total(Checkout.java:22)    awaiting it, at line 22
 *     at dev.asyncj.tests.traces.Checkout.pay(Checkout.java:29)      awaiting that one
 *     ...                                                            then the loop's own frames
 * </pre>
 *
 * <p>(The README shows this trace of the tests' Checkout program, checked by StackTracesTest.) A
 * frame of generated code ({@code Checkout$price.resume}) is named after the method it runs.
 */
final class AsyncTraces {
  private AsyncTraces() {}

  private static final StackWalker STACK_WALKER =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  /** Exceptions already given their chain: an exception crossing several coroutines gets it once. */
  private static final Set<Throwable> ANNOTATED =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  /** Adds the chain of coroutines awaiting {@code failed} to the stack trace of {@code error}. */
  static void record(Throwable error, Coroutine<?> failed) {
    if (!ANNOTATED.add(error)) {
      return;
    }
    StackTraceElement[] trace = error.getStackTrace();
    List<StackTraceElement> frames = new ArrayList<>(trace.length + 8);
    int at = 0;
    // The frames of the code that threw, up to the loop's: generated frames get the method's name.
    for (; at < trace.length && !isRuntimeFrame(trace[at]); at++) {
      frames.add(userFrame(trace[at], failed));
    }
    for (Coroutine<?> caller = failed.caller; caller != null; caller = caller.caller) {
      SourceInfo info = SourceInfo.of(caller.getClass());
      if (info.known()) {
        frames.add(info.frameAt(caller.state));
      }
    }
    for (; at < trace.length; at++) {
      frames.add(trace[at]);
    }
    error.setStackTrace(frames.toArray(StackTraceElement[]::new));
  }

  private static boolean isRuntimeFrame(StackTraceElement frame) {
    String className = frame.getClassName();
    return className.startsWith("dev.asyncj.") && className.lastIndexOf('.') == "dev.asyncj".length();
  }

  /** {@code Cart$inner.resume(Cart.java:12)} as {@code Cart.inner(Cart.java:12)}. */
  private static StackTraceElement userFrame(StackTraceElement frame, Coroutine<?> failed) {
    if (!frame.getMethodName().equals("resume")) {
      return frame;
    }
    Class<?> type = failed.getClass();
    ClassLoader loader = type.getClassLoader();
    try {
      Class<?> frameClass =
          frame.getClassName().equals(type.getName())
              ? type
              : Class.forName(frame.getClassName(), false, loader);
      SourceInfo info = SourceInfo.of(frameClass);
      return info.known() ? info.frameAtLine(frame.getLineNumber()) : frame;
    } catch (ClassNotFoundException | LinkageError e) {
      return frame;
    }
  }

  /**
   * The frames of {@link Task#getStack()}: the coroutine {@code resumed} (the innermost suspended
   * one, or the task's own before it starts) and those awaiting it, each at the line of its state.
   * For the running task, {@code resumed} is the coroutine the task runs now: the frames of state
   * machines on this thread's stack come first, at the lines they run, down to it (those above it
   * are the coroutines it awaits, started on the same stack), then those awaiting it.
   */
  static List<StackTraceElement> stackOf(Coroutine<?> resumed, boolean running) {
    List<StackTraceElement> frames = new ArrayList<>();
    if (running) {
      frames.addAll(
          STACK_WALKER.walk(
              stack ->
                  stack
                      .dropWhile(frame -> frame.getDeclaringClass() != Task.class)
                      .dropWhile(frame -> frame.getDeclaringClass() == Task.class) // getStack()
                      .takeWhile(frame -> frame.getDeclaringClass() != Task.class) // the loop's
                      .filter(frame -> frame.getMethodName().equals("resume"))
                      .filter(frame -> SourceInfo.of(frame.getDeclaringClass()).known())
                      .map(
                          frame ->
                              SourceInfo.of(frame.getDeclaringClass())
                                  .frameAtLine(frame.getLineNumber()))
                      .toList()));
      if (resumed.finished()) {
        return frames; // not expected: the task keeps the frame it runs as resumeFrame
      }
      resumed = resumed.caller; // the thread's stack showed it, at the line it runs
    }
    for (Coroutine<?> frame = resumed; frame != null; frame = frame.caller) {
      SourceInfo info = SourceInfo.of(frame.getClass());
      if (info.known()) {
        frames.add(info.frameAt(frame.state));
      }
    }
    return frames;
  }

  /** Python's {@code Task.print_stack()}, with Java's frame lines and order. */
  static void printStack(
      Task<?> task, List<StackTraceElement> stack, Throwable failure, PrintStream out) {
    StringBuilder text = new StringBuilder();
    if (failure != null) {
      text.append("Traceback for ").append(task).append(" (most recent call first):\n");
    } else if (stack.isEmpty()) {
      text.append("No stack for ").append(task).append('\n');
    } else {
      text.append("Stack for ").append(task).append(" (most recent call first):\n");
      for (StackTraceElement frame : stack) {
        text.append("\tat ").append(frame).append('\n');
      }
    }
    out.print(text);
    if (failure != null) {
      failure.printStackTrace(out);
    }
    out.flush();
  }
}
