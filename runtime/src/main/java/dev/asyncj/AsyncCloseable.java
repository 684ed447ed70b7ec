package dev.asyncj;

/**
 * A resource for Python's {@code async with}: in an {@code @Async} method, a try-with-resources
 * over it awaits its entry when the block starts and its exit when the block is left, however it
 * is left. {@link TaskGroup}, {@link Timeout}, {@link Lock}, {@link Semaphore} and {@link
 * Condition} are such resources:
 *
 * <pre>{@code
 * try (TaskGroup tg = new TaskGroup()) {      // async with asyncio.TaskGroup() as tg:
 *   tg.createTask(fetch(a));                  //     tg.create_task(fetch(a))
 *   tg.createTask(fetch(b));                  //     tg.create_task(fetch(b))
 * }                                           // the exit waits for both tasks
 *
 * try (Timeout deadline = timeout(10)) {      // async with asyncio.timeout(10):
 *   Await.of(download());                     //     await download()
 * }
 * }</pre>
 *
 * <p>The exit sees the exception leaving the block, as {@code __aexit__} does, and can swallow it
 * or replace it; Java's {@code close()} can do neither. Outside an {@code @Async} method nothing
 * can await: the processor refuses such a block, and {@link #close()} throws.
 */
public interface AsyncCloseable extends AutoCloseable {
  /** Awaited when the block starts, after the resource is assigned. Python: {@code __aenter__}. */
  Coroutine<?> asyncEnter();

  /**
   * Awaited when the block is left. Python: {@code __aexit__}.
   *
   * @param pending the exception leaving the block, or null if it is left normally (or by {@code
   *     return}, {@code break}, {@code continue})
   * @return a coroutine whose value, true, swallows {@code pending}: the code goes on after the
   *     block; throwing replaces {@code pending} with what it throws
   */
  Coroutine<Boolean> asyncExit(Throwable pending);

  /**
   * A try-with-resources outside an {@code @Async} method cannot await: this throws, saying where
   * to write the block instead.
   */
  @Override
  default void close() {
    throw new IllegalStateException(
        this + " is an async resource (async with): its try-with-resources block must be in an"
            + " @Async method compiled with the asyncj processor, where its exit is awaited");
  }
}
