package dev.asyncj;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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
 *
 * <p>{@code wait} is the one name that cannot be called unqualified: inside a class, {@code
 * wait(tasks)} means {@link Object#wait()}, which every class inherits and which hides the static
 * import. Write {@code Asyncio.wait(tasks)}.
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
    return run(main, (Boolean) null);
  }

  /**
   * {@link #run(Coroutine)} with debug mode on or off: in debug mode, coroutines never awaited are
   * reported with where they were created, slow steps (over 100 ms) are reported, and exceptions
   * never retrieved are reported with where their task was created. Without this argument, debug
   * mode follows {@code -Dasyncj.debug=true} or {@code ASYNCJ_DEBUG} (see {@link
   * EventLoop#getDebug()}). Python: {@code asyncio.run(main, debug=True)}.
   */
  public static <T> T run(Coroutine<T> main, boolean debug) {
    return run(main, Boolean.valueOf(debug));
  }

  private static <T> T run(Coroutine<T> main, Boolean debug) {
    if (EventLoop.runningOrNull() != null) {
      throw new IllegalStateException(
          "Asyncio.run() cannot be called from a running event loop; await the coroutine instead");
    }
    try (Runner runner = new Runner(debug)) {
      return runner.run(main);
    }
  }

  /**
   * A coroutine that finishes {@code seconds} after it is awaited, letting the loop run other tasks
   * meanwhile; {@code sleep(0)} lets every other ready task run once. Python: {@code
   * asyncio.sleep(seconds)}.
   */
  public static Coroutine<Void> sleep(double seconds) {
    return new Sleep<>(toNanos(seconds));
  }

  /** {@link #sleep(double)} that returns {@code result}. Python: {@code sleep(s, result=x)}. */
  public static <T> Coroutine<T> sleep(double seconds, T result) {
    long nanos = toNanos(seconds);
    return result == null ? new Sleep<>(nanos) : new Sleep.WithResult<>(nanos, result);
  }

  /** {@link #sleep(double)} for a {@link Duration}. */
  public static Coroutine<Void> sleep(Duration delay) {
    return new Sleep<>(delay.isNegative() ? 0 : saturatedNanos(delay));
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
    List<Awaitable<? extends T>> list = new ArrayList<>(awaitables.length);
    for (Awaitable<? extends T> awaitable : awaitables) {
      list.add(awaitable);
    }
    return Gathering.start(loopFor(list), list, false);
  }

  /** {@link #gather(Awaitable[])} for a collection of awaitables. */
  public static <T> Future<List<T>> gather(Collection<? extends Awaitable<? extends T>> awaitables) {
    // gather only reads its arguments, in order, before returning: a list it can index is used as
    // it is (a million tasks need no copy of the list).
    List<? extends Awaitable<? extends T>> list =
        awaitables instanceof List<? extends Awaitable<? extends T>> indexed
                && awaitables instanceof RandomAccess
            ? indexed
            : new ArrayList<>(awaitables);
    return Gathering.start(loopFor(list), list, false);
  }

  /**
   * {@link #gather(Awaitable[])} where, with {@code returnExceptions} true, an exception takes the
   * place of a failed awaitable's value in the list instead of failing the whole. Python: {@code
   * asyncio.gather(*aws, return_exceptions=True)}; write {@code gather(RETURN_EXCEPTIONS, a, b)}.
   */
  public static Future<List<Object>> gather(boolean returnExceptions, Awaitable<?>... awaitables) {
    List<Awaitable<?>> list = Arrays.asList(awaitables);
    return Gathering.start(loopFor(list), list, returnExceptions);
  }

  /**
   * The running loop, or outside one, the loop of the first future given (Python's gather works on
   * futures' loop when none runs).
   */
  private static EventLoop loopFor(List<? extends Awaitable<?>> awaitables) {
    EventLoop running = EventLoop.runningOrNull();
    if (running != null) {
      return running;
    }
    for (Awaitable<?> awaitable : awaitables) {
      if (awaitable instanceof Future<?> future) {
        return future.loop;
      }
    }
    return EventLoop.running("gather()");
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

  /**
   * The running loop's tasks that are not done yet, in creation order. Python: {@code
   * asyncio.all_tasks()}.
   */
  public static Set<Task<?>> allTasks() {
    return EventLoop.running("allTasks()").allTasks();
  }

  /**
   * {@code awaitable} as a future of the running loop: a coroutine is wrapped in a task, a future
   * is returned as it is. Python: {@code asyncio.ensure_future(aw)}.
   */
  public static <T> Future<T> ensureFuture(Awaitable<T> awaitable) {
    return ensureFuture(EventLoop.running("ensureFuture()"), awaitable);
  }

  @SuppressWarnings("unchecked") // a Coroutine<T> wrapped in a Task<T> is a Future<T>
  static <T> Future<T> ensureFuture(EventLoop loop, Awaitable<? extends T> awaitable) {
    if (awaitable == null) {
      throw new NullPointerException("an awaitable is required, got null");
    }
    if (awaitable instanceof Coroutine<? extends T> coroutine) {
      return (Future<T>) loop.createTask(coroutine);
    }
    Future<T> future = (Future<T>) awaitable;
    if (future.loop != loop) {
      throw new IllegalArgumentException(
          "The future " + future + " belongs to a different loop than the one running");
    }
    return future;
  }

  // ---- cancellation and timeouts

  /**
   * Protects {@code awaitable} from cancellation: cancelling the task that awaits the returned
   * future (or the future itself) does not cancel the work, which goes on; if the work is cancelled
   * by other means, the returned future is cancelled too. A coroutine is wrapped in a task; an
   * awaitable already done is returned as it is. Python: {@code asyncio.shield(aw)}.
   */
  public static <T> Future<T> shield(Awaitable<T> awaitable) {
    Future<T> inner = ensureFuture(EventLoop.running("shield()"), awaitable);
    if (inner.done()) {
      return inner;
    }
    Future<T> outer = new Future<>(inner.loop);
    Future.Listener innerDone =
        done -> {
          if (outer.cancelled()) {
            if (!inner.cancelled()) {
              inner.markRetrieved();
            }
            return;
          }
          if (inner.cancelled()) {
            outer.cancelSelf(null);
          } else if (inner.rawException() != null) {
            inner.markRetrieved();
            outer.fail(inner.rawException());
          } else {
            @SuppressWarnings("unchecked") // inner is a Future<T>
            T value = (T) inner.rawResult();
            outer.complete(value);
          }
        };
    inner.addListener(innerDone);
    outer.addListener(
        done -> {
          if (!inner.done()) {
            inner.removeListener(innerDone);
          }
        });
    return outer;
  }

  /**
   * Waits for {@code awaitable} at most {@code timeout} seconds and gives its value. A coroutine
   * runs in a task of its own. When the time is up, that task is cancelled, waited for, and then
   * {@link TimeoutError} is thrown; with {@code timeout <= 0} a coroutine never starts. If the task
   * running {@code waitFor} is cancelled, the work is cancelled too. Python: {@code
   * asyncio.wait_for(aw, timeout)} (3.11).
   */
  public static <T> Coroutine<T> waitFor(Awaitable<T> awaitable, double timeout) {
    return waitFor(awaitable, Double.valueOf(timeout));
  }

  /** {@link #waitFor(Awaitable, double)}; a {@code null} timeout waits as long as it takes. */
  public static <T> Coroutine<T> waitFor(Awaitable<T> awaitable, Double timeout) {
    if (awaitable == null) {
      throw new NullPointerException("waitFor(null, ...): give something to wait for");
    }
    return new WaitFor<>(awaitable, timeout);
  }

  /**
   * A deadline {@code delay} seconds from now, for work run in the current task with {@link
   * Timeout#run}: {@code Await.of(timeout(10).run(work()))}. Python: {@code asyncio.timeout(delay)}.
   */
  public static Timeout timeout(double delay) {
    return new Timeout(EventLoop.running("timeout()").time() + delay);
  }

  /** {@link #timeout(double)}; {@code null} for no deadline (set one later with reschedule). */
  public static Timeout timeout(Double delay) {
    return delay == null ? new Timeout(null) : timeout(delay.doubleValue());
  }

  /**
   * Runs {@code work} in the current task with a deadline {@code delay} seconds from now and gives
   * its value: {@code Await.of(timeout(10, work()))} is Python's {@code async with
   * asyncio.timeout(10): await work()}.
   *
   * @throws TimeoutError (from the await) if the deadline passed
   */
  public static <T> Coroutine<T> timeout(double delay, Awaitable<T> work) {
    return timeout(delay).run(work);
  }

  /**
   * A deadline at {@code when} on the loop's clock ({@link EventLoop#time()}). Python: {@code
   * asyncio.timeout_at(when)}.
   */
  public static Timeout timeoutAt(double when) {
    return new Timeout(when);
  }

  /** {@link #timeoutAt(double)}; {@code null} for no deadline. */
  public static Timeout timeoutAt(Double when) {
    return new Timeout(when);
  }

  /** {@link #timeout(double, Awaitable)} with a deadline at {@code when} on the loop's clock. */
  public static <T> Coroutine<T> timeoutAt(double when, Awaitable<T> work) {
    return timeoutAt(when).run(work);
  }

  // ---- waiting for several

  /** {@link #wait(Collection, Double, ReturnWhen)} with {@link #FIRST_COMPLETED}. */
  public static final ReturnWhen FIRST_COMPLETED = ReturnWhen.FIRST_COMPLETED;

  /** {@link #wait(Collection, Double, ReturnWhen)} with {@link #FIRST_EXCEPTION}. */
  public static final ReturnWhen FIRST_EXCEPTION = ReturnWhen.FIRST_EXCEPTION;

  /** {@link #wait(Collection, Double, ReturnWhen)} with {@link #ALL_COMPLETED}, the default. */
  public static final ReturnWhen ALL_COMPLETED = ReturnWhen.ALL_COMPLETED;

  /**
   * Waits until every future (task) is done and gives the done and pending sets. Call it as {@code
   * Asyncio.wait(...)}: see the class comment. Python: {@code asyncio.wait(fs)}.
   */
  public static <F extends Future<?>> Coroutine<DoneAndPending<F>> wait(Collection<F> futures) {
    return wait(futures, (Double) null, ReturnWhen.ALL_COMPLETED);
  }

  /** {@link #wait(Collection)} returning as {@code returnWhen} says. */
  public static <F extends Future<?>> Coroutine<DoneAndPending<F>> wait(
      Collection<F> futures, ReturnWhen returnWhen) {
    return wait(futures, (Double) null, returnWhen);
  }

  /** {@link #wait(Collection)} returning after {@code timeout} seconds at the latest. */
  public static <F extends Future<?>> Coroutine<DoneAndPending<F>> wait(
      Collection<F> futures, double timeout) {
    return wait(futures, Double.valueOf(timeout), ReturnWhen.ALL_COMPLETED);
  }

  /**
   * Waits for the futures (tasks) until {@code returnWhen} is met or {@code timeout} seconds have
   * passed ({@code null}: no limit), and gives which are done and which are pending. Nothing is
   * cancelled and no exception is thrown for the timeout. Coroutines are refused: wrap them in
   * tasks. Python: {@code asyncio.wait(fs, timeout=..., return_when=...)}.
   *
   * @throws IllegalArgumentException (from the await) if {@code futures} is empty
   */
  public static <F extends Future<?>> Coroutine<DoneAndPending<F>> wait(
      Collection<F> futures, Double timeout, ReturnWhen returnWhen) {
    return new Waiting<>(futures, timeout, returnWhen);
  }

  /** {@link #wait(Collection, Double, ReturnWhen)} with a timeout in seconds. */
  public static <F extends Future<?>> Coroutine<DoneAndPending<F>> wait(
      Collection<F> futures, double timeout, ReturnWhen returnWhen) {
    return wait(futures, Double.valueOf(timeout), returnWhen);
  }

  /**
   * Runs the awaitables concurrently (coroutines become tasks) and hands out one coroutine per
   * awaitable: awaiting them in turn gives the values in the order the awaitables finish. Python:
   * {@code asyncio.as_completed(aws)}.
   *
   * <pre>{@code
   * for (Coroutine<String> next : asCompleted(List.of(a(), b(), c()))) {
   *   String first = Await.of(next);
   * }
   * }</pre>
   */
  public static <T> Iterable<Coroutine<T>> asCompleted(
      Collection<? extends Awaitable<? extends T>> awaitables) {
    return new AsCompleted<>(EventLoop.running("asCompleted()"), awaitables, null);
  }

  /**
   * {@link #asCompleted(Collection)} where, after {@code timeout} seconds, awaiting the coroutines
   * left throws {@link TimeoutError}. Python: {@code as_completed(aws, timeout=...)}.
   */
  public static <T> Iterable<Coroutine<T>> asCompleted(
      Collection<? extends Awaitable<? extends T>> awaitables, double timeout) {
    return new AsCompleted<>(EventLoop.running("asCompleted()"), awaitables, timeout);
  }

  // ---- threads and Java's futures

  /**
   * Runs {@code function} on the loop's default executor (a thread pool) and gives its value or
   * throws its exception, while the loop goes on with other tasks. Python: {@code
   * asyncio.to_thread(func)} (Java has no context variables to copy).
   */
  public static <T> Coroutine<T> toThread(Callable<T> function) {
    if (function == null) {
      throw new NullPointerException("toThread(null): give the function to run");
    }
    return new Lazy<>(
        "to_thread", () -> EventLoop.running("toThread()").runInExecutor(null, function));
  }

  /** {@link #toThread(Callable)} for work that returns nothing. */
  public static Coroutine<Void> toThread(Runnable function) {
    if (function == null) {
      throw new NullPointerException("toThread(null): give the function to run");
    }
    return new Lazy<>(
        "to_thread", () -> EventLoop.running("toThread()").runInExecutor(null, function));
  }

  /**
   * A future of the running loop that is done when {@code stage} is, on the loop's thread; {@code
   * Await.of(stage)} does this by itself. Python: {@code asyncio.wrap_future(fut)}.
   */
  public static <T> Future<T> wrapFuture(CompletionStage<T> stage) {
    return Interop.wrap(EventLoop.running("wrapFuture()"), stage);
  }

  /** {@link #wrapFuture(CompletionStage)} for a {@link CompletableFuture}. */
  public static <T> Future<T> wrapFuture(CompletableFuture<T> future) {
    return Interop.wrap(EventLoop.running("wrapFuture()"), (CompletionStage<T>) future);
  }

  /**
   * {@link #wrapFuture(CompletionStage)} for a {@link java.util.concurrent.Future}: unless it can
   * call back, a helper thread waits in its {@code get()}.
   */
  public static <T> Future<T> wrapFuture(java.util.concurrent.Future<T> future) {
    return Interop.wrap(EventLoop.running("wrapFuture()"), future);
  }

  /**
   * Submits {@code coroutine} to {@code loop} from any other thread, and gives a {@link
   * CompletableFuture} of its value; cancelling that cancels the task. Python: {@code
   * asyncio.run_coroutine_threadsafe(coro, loop)}.
   *
   * @throws IllegalStateException if the loop is closed
   */
  public static <T> CompletableFuture<T> runCoroutineThreadsafe(
      Coroutine<T> coroutine, EventLoop loop) {
    if (coroutine == null || loop == null) {
      throw new NullPointerException("runCoroutineThreadsafe needs a coroutine and a loop");
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    loop.callSoonThreadsafe(
        () -> {
          if (result.isDone()) {
            return; // cancelled before it started
          }
          try {
            loop.createTask(coroutine).linkTo(result);
          } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
          }
        });
    return result;
  }

  // ---- streams

  /**
   * Opens a TCP connection to {@code host}:{@code port} and gives its two halves. A host name is
   * looked up off the loop's thread (the loop's default executor, as asyncio runs {@code
   * getaddrinfo}); each of its addresses is tried in turn. Python: {@code
   * asyncio.open_connection(host, port)}, whose {@code (reader, writer)} tuple is the record
   * {@link Connection}.
   *
   * @throws IOException (when awaited) {@link java.net.ConnectException} if refused (Python's
   *     {@code ConnectionRefusedError}), {@link java.net.UnknownHostException} if the name is
   *     unknown (Python's {@code socket.gaierror}); with several addresses, the first failure with
   *     the others suppressed
   */
  public static Coroutine<Connection> openConnection(String host, int port) throws IOException {
    return new Net.Connect(host, port, StreamReader.DEFAULT_LIMIT);
  }

  /**
   * {@link #openConnection(String, int)} whose reader has line limit {@code limit}. Python: {@code
   * open_connection(host, port, limit=...)}.
   */
  public static Coroutine<Connection> openConnection(String host, int port, int limit)
      throws IOException {
    return new Net.Connect(host, port, limit);
  }

  /**
   * Listens on {@code host}:{@code port} and runs {@code handler} for each connection, as a task.
   * {@code host} null or empty listens on every interface; a name listens on each of its
   * addresses; port 0 lets the system choose ({@link Server#sockets()} tells which). The server
   * accepts connections at once. Python: {@code asyncio.start_server(client_connected_cb, host,
   * port)}.
   *
   * @throws IOException (when awaited) {@link java.net.BindException} if the address is in use
   */
  public static Coroutine<Server> startServer(ClientConnected handler, String host, int port)
      throws IOException {
    return new Net.StartServer(handler, host, port, StreamReader.DEFAULT_LIMIT, Net.DEFAULT_BACKLOG);
  }

  /**
   * {@link #startServer(ClientConnected, String, int)} with the readers' line limit and the
   * listen backlog. Python: {@code start_server(cb, host, port, limit=..., backlog=...)}.
   */
  public static Coroutine<Server> startServer(
      ClientConnected handler, String host, int port, int limit, int backlog) throws IOException {
    return new Net.StartServer(handler, host, port, limit, backlog);
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
