package dev.asyncj;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The functions of Python's {@code asyncio} module, as static methods: import them with {@code
 * import static dev.asyncj.Asyncio.*;} and the Java reads like the Python.
 *
 * <pre>{@code
 * @Async static Coroutine<Void> amain() {        // async def main():
 *   Await.of(gather(downloadFile(), printNumbers()));  //     await asyncio.gather(...)
 *   return done();
 * }
 *
 * public static void main(String[] args) {
 *   run(amain());                                //     asyncio.run(main())
 * }
 * }</pre>
 */
public final class Asyncio {
  private Asyncio() {}

  /**
   * For {@link #gather(boolean, Awaitable[])}: {@code gather(RETURN_EXCEPTIONS, a, b)} reads as
   * Python's {@code gather(a, b, return_exceptions=True)}.
   */
  public static final boolean RETURN_EXCEPTIONS = true;

  /**
   * Runs {@code main} on a new event loop on this thread until it finishes, and returns its value or
   * throws its exception (unchanged). Tasks still pending at the end are cancelled and given the
   * chance to finish; then the loop is closed. Python: {@code asyncio.run(main)}.
   *
   * @throws IllegalStateException if called from a coroutine or callback of a running loop
   */
  public static <T> T run(Coroutine<T> main) {
    return run(main, false);
  }

  /**
   * {@link #run(Coroutine)} with debug mode on or off: in debug mode, coroutines never awaited are
   * reported with where they were created, and slow steps (over 100 ms) are reported. Python:
   * {@code asyncio.run(main, debug=True)}.
   */
  public static <T> T run(Coroutine<T> main, boolean debug) {
    return Runner.run(main, debug);
  }

  /**
   * A coroutine that finishes {@code seconds} after it is awaited, letting the loop run other tasks
   * meanwhile; {@code sleep(0)} lets every other ready task run once. Python: {@code
   * asyncio.sleep(seconds)}.
   */
  public static Coroutine<Void> sleep(double seconds) {
    return new Sleep<>(toNanos(seconds), null);
  }

  /** {@link #sleep(double)} that returns {@code result}. Python: {@code sleep(s, result=x)}. */
  public static <T> Coroutine<T> sleep(double seconds, T result) {
    return new Sleep<>(toNanos(seconds), result);
  }

  /** {@link #sleep(double)} for a {@link Duration}. */
  public static Coroutine<Void> sleep(Duration delay) {
    return new Sleep<>(delay.isNegative() ? 0 : saturatedNanos(delay), null);
  }

  /**
   * Runs the awaitables concurrently; awaiting the result gives their values in argument order.
   * Coroutines are wrapped in tasks, which start at the loop's next turn. If one fails, the result
   * fails at once with the same exception, and the others keep running. Python: {@code
   * asyncio.gather(*aws)}.
   *
   * <pre>{@code List<Integer> r = Await.of(gather(task, coroutine));}</pre>
   */
  @SafeVarargs
  public static <T> Future<List<T>> gather(Awaitable<? extends T>... awaitables) {
    return Gathering.start(EventLoop.running("gather()"), Arrays.asList(awaitables), false);
  }

  /** {@link #gather(Awaitable[])} for a collection of awaitables. */
  public static <T> Future<List<T>> gather(Collection<? extends Awaitable<? extends T>> awaitables) {
    return Gathering.start(EventLoop.running("gather()"), new ArrayList<>(awaitables), false);
  }

  /**
   * {@link #gather(Awaitable[])} where, with {@code returnExceptions} true, an exception takes the
   * place of a failed awaitable's value in the list instead of failing the whole. Python: {@code
   * asyncio.gather(*aws, return_exceptions=True)}; write {@code gather(RETURN_EXCEPTIONS, a, b)}.
   */
  public static Future<List<Object>> gather(boolean returnExceptions, Awaitable<?>... awaitables) {
    return Gathering.start(
        EventLoop.running("gather()"), Arrays.asList(awaitables), returnExceptions);
  }

  /**
   * Wraps {@code coroutine} in a task on the running loop. The task starts at the loop's next turn:
   * the caller keeps running until it awaits something. Python: {@code asyncio.create_task(coro)}.
   */
  public static <T> Task<T> createTask(Coroutine<T> coroutine) {
    return EventLoop.running("createTask()").createTask(coroutine);
  }

  /** {@link #createTask(Coroutine)} with a name. Python: {@code create_task(coro, name=...)}. */
  public static <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
    return EventLoop.running("createTask()").createTask(coroutine, name);
  }

  /**
   * The value an {@code @Async} method returns: {@code return done("World");} is Python's {@code
   * return "World"}. Outside an {@code @Async} method it makes a coroutine that is finished as soon
   * as it starts.
   */
  public static <T> Coroutine<T> done(T value) {
    return new Done<>(value);
  }

  /**
   * The end of an {@code @Async} method returning {@code Coroutine<Void>}: {@code return done();} is
   * Python's {@code return} (the value is {@code null}, Python's {@code None}).
   */
  public static Coroutine<Void> done() {
    return new Done<>(null);
  }

  /**
   * The loop running on this thread. Python: {@code asyncio.get_running_loop()}.
   *
   * @throws IllegalStateException if no loop runs on this thread
   */
  public static EventLoop getRunningLoop() {
    return EventLoop.getRunningLoop();
  }

  /**
   * The task running on this thread's loop right now, or {@code null} if a plain callback runs.
   * Python: {@code asyncio.current_task()}.
   */
  public static Task<?> currentTask() {
    return EventLoop.running("currentTask()").currentTask;
  }

  /** A new event loop on the real clock. Python: {@code asyncio.new_event_loop()}. */
  public static EventLoop newEventLoop() {
    return EventLoop.withRealClock();
  }

  private static long toNanos(double seconds) {
    if (!(seconds > 0)) {
      return 0; // zero, negative or NaN: yield once, as Python does for sleep(-1)
    }
    double nanos = Math.ceil(seconds * 1e9);
    return nanos >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : (long) nanos;
  }

  private static long saturatedNanos(Duration delay) {
    try {
      return Math.min(delay.toNanos(), Long.MAX_VALUE / 2);
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE / 2;
    }
  }
}
