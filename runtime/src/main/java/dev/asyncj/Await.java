package dev.asyncj;

/**
 * The {@code await} keyword: {@code T value = Await.of(awaitable);} is Python's {@code value = await
 * awaitable}.
 *
 * <p>Only valid inside an {@link Async @Async} method. The asyncj annotation processor replaces every
 * call with a suspension point of the method's state machine, so these methods never run in a
 * program compiled with the processor. If one does run, the processor was not on the compiler's
 * annotation-processor path, and the call fails with an exception that says how to add it.
 *
 * <p>An exception thrown by the awaited coroutine or future is thrown by {@code Await.of}
 * unchanged, the same object, whether it is checked or not (checked exceptions are not declared:
 * catch them with {@code catch (Exception e)} and test the type).
 */
public final class Await {
  private Await() {}

  /**
   * Waits for {@code coroutine} to finish and returns its value ({@code null} for {@code Void}).
   * The coroutine runs inside the caller's step, as Python's {@code await coro()} does: when it
   * finishes without suspending, control never passes through the event loop.
   */
  public static <T> T of(Coroutine<T> coroutine) {
    throw processorMissing();
  }

  /** Waits for {@code future} (a {@link Task} too) to be done and returns its result. */
  public static <T> T of(Future<T> future) {
    throw processorMissing();
  }

  /** Waits for any {@link Awaitable} and returns its value. */
  public static <T> T of(Awaitable<T> awaitable) {
    throw processorMissing();
  }

  private static IllegalStateException processorMissing() {
    StackTraceElement caller = callerOfAwait();
    return new IllegalStateException(
        "Await.of was called"
            + (caller == null ? "" : " at " + caller)
            + " in a class that the asyncj annotation processor did not transform. Put"
            + " asyncj-processor.jar on the annotation processor path: with javac, add"
            + " '-processorpath asyncj-processor.jar'; with Maven, add dev.asyncj:asyncj-processor to"
            + " the annotationProcessorPaths of maven-compiler-plugin; with Gradle, add it to the"
            + " annotationProcessor configuration. Then rebuild. Await.of is only valid inside an"
            + " @Async method.");
  }

  private static StackTraceElement callerOfAwait() {
    for (StackTraceElement frame : new Throwable().getStackTrace()) {
      if (!frame.getClassName().equals(Await.class.getName())) {
        return frame;
      }
    }
    return null;
  }
}
