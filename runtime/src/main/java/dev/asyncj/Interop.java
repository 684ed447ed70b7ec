package dev.asyncj;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Java's futures on an event loop: a {@link CompletionStage} or {@link java.util.concurrent.Future}
 * turned into a {@link Future} of the loop, completed on the loop's thread. Python: {@code
 * asyncio.wrap_future} with {@code futures._chain_future}.
 */
final class Interop {
  private Interop() {}

  /**
   * Threads that block in {@code get()} of a plain {@link java.util.concurrent.Future} (one that
   * cannot call back) until it is done. Daemons, created on demand, dropped after a minute idle.
   */
  private static final ExecutorService BLOCKING_WAITERS =
      Executors.newCachedThreadPool(daemonThreads("asyncj-future-waiter-"));

  /** A future of {@code loop} that is done when {@code stage} is; cancelling it cancels the stage. */
  static <T> Future<T> wrap(EventLoop loop, CompletionStage<T> stage) {
    Future<T> future = new Future<>(loop);
    stage.whenComplete(
        (value, error) -> {
          if (loop.isLoopThread()) {
            settle(future, value, error);
          } else {
            loop.callSoonThreadsafeIfOpen(() -> settle(future, value, error));
          }
        });
    if (stage instanceof java.util.concurrent.Future<?> source) {
      future.addListener(
          done -> {
            if (done.cancelled()) {
              try {
                source.cancel(false);
              } catch (UnsupportedOperationException minimalStage) {
                // CompletableFuture.minimalCompletionStage(): cannot be cancelled from here
              }
            }
          });
    }
    return future;
  }

  /**
   * Whether {@code future} is done; {@code false} for a stage that cannot tell ({@code
   * minimalCompletionStage()} is a CompletableFuture whose isDone() throws).
   */
  static boolean isDoneIfKnown(java.util.concurrent.CompletableFuture<?> future) {
    try {
      return future.isDone();
    } catch (UnsupportedOperationException minimalStage) {
      return false;
    }
  }

  /**
   * A future of {@code loop} that is done when {@code source} is; a helper thread waits in {@code
   * source.get()} unless {@code source} can call back.
   */
  @SuppressWarnings("unchecked") // a Future<T> that is a CompletionStage is a CompletionStage<T>
  static <T> Future<T> wrap(EventLoop loop, java.util.concurrent.Future<T> source) {
    if (source instanceof CompletionStage<?> stage) {
      return wrap(loop, (CompletionStage<T>) stage);
    }
    Future<T> future = new Future<>(loop);
    if (source.isDone()) {
      copyOutcome(source, future);
      return future;
    }
    BLOCKING_WAITERS.execute(
        () -> {
          try {
            source.get();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          } catch (ExecutionException | CancellationException finished) {
            // done: copied below
          }
          loop.callSoonThreadsafeIfOpen(() -> copyOutcome(source, future));
        });
    future.addListener(
        done -> {
          if (done.cancelled()) {
            source.cancel(false);
          }
        });
    return future;
  }

  /** Copies the outcome of the done {@code source} into {@code target}, unless it is done. */
  static <T> void copyOutcome(java.util.concurrent.Future<T> source, Future<T> target) {
    if (target.done()) {
      return; // cancelled meanwhile
    }
    if (source.isCancelled()) {
      target.cancelSelf(null);
      return;
    }
    T value;
    try {
      value = source.get();
    } catch (ExecutionException e) {
      target.fail(unwrap(e));
      return;
    } catch (CancellationException e) {
      target.cancelSelf(e.getMessage());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      target.fail(e);
      return;
    }
    target.complete(value);
  }

  /** The value of a done Java future, or its exception (unwrapped) thrown. */
  static Object outcomeNow(java.util.concurrent.Future<?> done) throws Throwable {
    try {
      return done.get();
    } catch (ExecutionException | CompletionException e) {
      throw unwrap(e);
    } catch (CancellationException e) {
      throw e instanceof CancelledError ? e : new CancelledError(e.getMessage());
    }
  }

  private static <T> void settle(Future<T> future, T value, Throwable error) {
    if (future.done()) {
      return; // cancelled meanwhile
    }
    if (error == null) {
      future.complete(value);
      return;
    }
    Throwable cause = unwrap(error);
    if (cause instanceof CancellationException cancelled) {
      future.cancelSelf(cancelled.getMessage());
    } else {
      future.fail(cause);
    }
  }

  /** The exception a {@code CompletionException} or {@code ExecutionException} wraps. */
  static Throwable unwrap(Throwable error) {
    while ((error instanceof CompletionException || error instanceof ExecutionException)
        && error.getCause() != null) {
      error = error.getCause();
    }
    return error;
  }

  /**
   * The loop's default executor, as Python's: a pool of at most {@code min(32, cores + 4)} threads
   * ({@code asyncj-default-executor-N}, daemons) that end after a minute idle.
   */
  static ExecutorService newDefaultExecutor() {
    int threads = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemonThreads("asyncj-default-executor-"));
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return work -> {
      Thread thread = new Thread(work, prefix + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
