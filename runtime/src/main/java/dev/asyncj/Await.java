package dev.asyncj;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@code await} keyword: {@code T value = Await.of(awaitable);} is Python's {@code value = await
 * awaitable}.
 *
 * <p>Only valid inside an {@link Async @Async} method. The asyncj annotation processor replaces every
 * call with a suspension point of the method's state machine, so these methods never run in a
 * program compiled with the processor. If one does run, the processor was not on the compiler's
 * annotation-processor path, and the call fails with an exception that says how to add it.
 *
 * <p>It takes a {@link Coroutine}, a {@link Future} or {@link Task}, a {@link CompletionStage} or
 * {@link CompletableFuture}, and a {@link java.util.concurrent.Future}: Java's futures, completed on
 * any thread, resume the coroutine on its loop's thread.
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

  /**
   * Waits for a {@link CompletionStage}, completed on any thread; the coroutine goes on on its
   * loop's thread. A {@link java.util.concurrent.CompletionException} is unwrapped: the awaiter
   * sees the exception the stage failed with. If the awaiting task is cancelled and the stage is
   * also a {@link java.util.concurrent.Future}, it is cancelled too.
   */
  public static <T> T of(CompletionStage<T> stage) {
    throw processorMissing();
  }

  /**
   * Waits for a {@link CompletableFuture}. (It is both a {@link CompletionStage} and a {@link
   * java.util.concurrent.Future}; this overload keeps the call unambiguous. A class of your own
   * that is both needs a cast to one of them.)
   */
  public static <T> T of(CompletableFuture<T> future) {
    throw processorMissing();
  }

  /**
   * Waits for a {@link java.util.concurrent.Future}, such as one an {@code ExecutorService}
   * returned. Unless it is also a {@link CompletionStage}, a helper thread blocks in its {@code
   * get()} meanwhile; an {@link java.util.concurrent.ExecutionException} is unwrapped.
   */
  public static <T> T of(java.util.concurrent.Future<T> future) {
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
