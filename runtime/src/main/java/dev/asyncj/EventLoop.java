package dev.asyncj;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.nio.channels.SelectableChannel;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * Runs tasks and callbacks on one thread, one at a time: Python's asyncio event loop.
 *
 * <p>Most programs never touch it: {@link Asyncio#run Asyncio.run} makes one, runs a coroutine on
 * it and closes it. Inside a coroutine, {@link Asyncio#getRunningLoop()} returns the loop running
 * it. Everything here must be called on the loop's own thread (while it runs, the methods that
 * schedule check it) except {@link #callSoonThreadsafe}, the one door for other threads.
 *
 * <p>For tests, {@link #withVirtualClock()} makes a loop whose clock jumps to the next timer
 * whenever there is nothing else to do, so {@code sleep(5)} takes no real time and {@link #time()}
 * reads exactly 5.0 afterwards. {@link Runner} runs a main coroutine on such a loop with all of
 * {@code Asyncio.run}'s semantics.
 */
public final class EventLoop implements AutoCloseable {
  /*
   * Overview (maintainer notes), after base_events.BaseEventLoop._run_once.
   *
   * One turn of the loop: wait until the first timer is due or another thread posts to the inbox
   * (not at all if something is ready); move the inbox's entries to the ready queue; move every due
   * timer to the ready queue, in deadline-then-sequence order; then run exactly the items that are
   * in the ready queue now. Items scheduled while running wait for the next turn, which is what
   * makes sleep(0) yield to every other ready task.
   *
   * Ready items are Tasks (stepped), Handles (run unless cancelled), internal Runnables and
   * internal Future.Listeners, each with the future it is told about (see ReadyQueue). Timer
   * targets are Tasks (woken if the timer's sequence number is still the one the task waits for)
   * and TimerHandles. A cancelled timer stays in the heap until it comes due ('staleTimers' counts
   * them); when they are more than half of a heap of over 100, the heap is rebuilt without them,
   * as base_events does, so that timeouts that are nearly always cancelled do not pile up.
   *
   * Waiting happens in waitForEvents() only. While channels are watched (addReader/addWriter, the
   * streams), it waits on a java.nio Selector instead of parking, and a turn that has work ready
   * polls the selector without waiting, as selector_events does with select(0); callSoonThreadsafe
   * then wakes it with Selector.wakeup(). A loop that watches no channel never touches the
   * selector: the only cost is one field read per turn ('io', null until the first channel).
   *
   * Failed futures whose exception nobody retrieved are linked in a list of Unretrieved records
   * (see that class); while the list is not empty, each turn polls their reference queue.
   */
  private static final ThreadLocal<EventLoop> RUNNING = new ThreadLocal<>();

  /** Heaps with at most this many timers are never purged of cancelled ones. */
  private static final int MIN_TIMERS_TO_PURGE = 100;

  private final Clock clock;
  private final ReadyQueue ready = new ReadyQueue();
  private final TimerQueue timers = new TimerQueue();
  private final ConcurrentLinkedQueue<Object> inbox = new ConcurrentLinkedQueue<>();
  private volatile boolean waiting;
  /** The selector the loop is blocked in, if it is (else it parks): what a wake-up must wake. */
  private volatile Selector selecting;
  /** Channels and their callbacks; null until the first channel is watched. See SelectorIo. */
  private SelectorIo io;
  private volatile Thread thread;
  private volatile boolean closed;

  private boolean stopping;
  private boolean debug = DebugMode.enabledByDefault();
  private long slowCallbackNanos = TimeUnit.MILLISECONDS.toNanos(100);
  private final DebugMode.Tracker neverAwaited = new DebugMode.Tracker();
  private BiConsumer<EventLoop, Map<String, Object>> exceptionHandler;

  /** The task being stepped right now, if any. */
  Task<?> currentTask;

  /**
   * The value handed to the frame the running task resumes, read (and cleared) by its
   * awaitedValue(); see Coroutine. Here rather than in each task: one task runs at a time.
   */
  Object sent;
  /** The exception to throw into the frame the running task resumes, as {@link #sent}. */
  Throwable thrown;

  /** The loop's unfinished tasks, as an intrusive list (see Task.previousPending). */
  private Task<?> firstPending;

  /** Timer entries in the heap that will be skipped when due (cancelled). */
  private int staleTimers;

  /** Failed futures nobody has looked at, oldest first; see Unretrieved. */
  private Unretrieved firstUnretrieved;
  private Unretrieved lastUnretrieved;
  private ReferenceQueue<Future<?>> collectedFutures;

  /** Where each task was created, in debug mode only. */
  private Map<Task<?>, StackTraceElement[]> taskOrigins;

  private ExecutorService defaultExecutor;
  private boolean executorShutdownCalled;

  private EventLoop(Clock clock) {
    this.clock = clock;
  }

  /**
   * A new loop on the real monotonic clock. Python: {@code asyncio.new_event_loop()}, which is
   * also {@link Asyncio#newEventLoop()}.
   */
  public static EventLoop withRealClock() {
    return new EventLoop(Clock.real());
  }

  /**
   * A new loop whose clock starts at 0 and, whenever nothing is ready to run, jumps straight to the
   * next timer instead of waiting: {@code sleep(5)} costs no real time. For tests. It still waits,
   * for real, for other threads ({@link #callSoonThreadsafe}, {@link #runInExecutor}) when nothing
   * else is scheduled.
   */
  public static EventLoop withVirtualClock() {
    return new EventLoop(Clock.virtual());
  }

  /**
   * The loop running on this thread. Python: {@code asyncio.get_running_loop()}.
   *
   * @throws IllegalStateException if no loop is running on this thread
   */
  public static EventLoop getRunningLoop() {
    return running("getRunningLoop()");
  }

  /** The loop running on this thread, or {@code null}. */
  static EventLoop runningOrNull() {
    return RUNNING.get();
  }

  /** The running loop, for {@code what}, which needs one. */
  static EventLoop running(String what) {
    EventLoop loop = RUNNING.get();
    if (loop == null) {
      throw new IllegalStateException(
          "no running event loop: " + what + " must be called from a coroutine or callback"
              + " running on an event loop (inside Asyncio.run)");
    }
    return loop;
  }

  /** The loop's clock, in seconds: monotonic, arbitrary origin. Python: {@code loop.time()}. */
  public double time() {
    return clock.nanoTime() / 1e9;
  }

  // ---- debug mode

  /**
   * Whether debug mode is on. It is on by default when the system property {@code asyncj.debug}
   * is {@code true} (or {@code 1}), or, without that property, when the environment variable
   * {@code ASYNCJ_DEBUG} is set and not empty (Python: {@code PYTHONASYNCIODEBUG}). Python: {@code
   * loop.get_debug()}.
   */
  public boolean getDebug() {
    return debug;
  }

  /**
   * Turns debug mode on or off: coroutines never awaited are reported with where they were
   * created, steps or callbacks slower than {@link #getSlowCallbackDuration()} are reported, and
   * exceptions never retrieved are reported with where their task was created. Python: {@code
   * loop.set_debug()}.
   */
  public void setDebug(boolean enabled) {
    debug = enabled;
  }

  /**
   * How long, in seconds, a step or callback may run before debug mode reports it (0.1 by
   * default). Python: {@code loop.slow_callback_duration}.
   */
  public double getSlowCallbackDuration() {
    return slowCallbackNanos / 1e9;
  }

  /** Sets {@link #getSlowCallbackDuration()}; {@code 0} reports every step. */
  public void setSlowCallbackDuration(double seconds) {
    if (!(seconds >= 0)) {
      throw new IllegalArgumentException("slow callback duration must be >= 0, got " + seconds);
    }
    slowCallbackNanos = (long) (seconds * 1e9);
  }

  // ---- scheduling callbacks

  /**
   * Schedules {@code callback} to run at the loop's next turn, after everything already scheduled.
   * Python: {@code loop.call_soon()}.
   *
   * @throws IllegalStateException if called from another thread while the loop runs, or if the
   *     loop is closed
   */
  public Handle callSoon(Runnable callback) {
    checkThread("callSoon");
    checkClosed();
    Handle handle = new Handle(callback);
    if (debug) {
      handle.recordCreation(EventLoop.class);
    }
    ready.add(handle);
    return handle;
  }

  /**
   * Schedules {@code callback} from any thread and wakes the loop. Python: {@code
   * loop.call_soon_threadsafe()}.
   *
   * @throws IllegalStateException if the loop is closed
   */
  public Handle callSoonThreadsafe(Runnable callback) {
    checkClosed();
    Handle handle = new Handle(callback);
    if (debug) {
      handle.recordCreation(EventLoop.class);
    }
    inbox.add(handle);
    if (waiting) {
      Selector blockedIn = selecting;
      if (blockedIn != null) {
        blockedIn.wakeup();
      } else {
        Thread loopThread = thread;
        if (loopThread != null) {
          LockSupport.unpark(loopThread);
        }
      }
    }
    return handle;
  }

  /**
   * Schedules {@code callback} to run {@code delaySeconds} from now. Python: {@code
   * loop.call_later()}.
   */
  public TimerHandle callLater(double delaySeconds, Runnable callback) {
    return callAt(time() + delaySeconds, callback);
  }

  /**
   * Schedules {@code callback} to run when {@link #time()} reaches {@code when}. Python: {@code
   * loop.call_at()}.
   */
  public TimerHandle callAt(double when, Runnable callback) {
    checkThread("callAt");
    checkClosed();
    TimerHandle handle = new TimerHandle(callback, when, this);
    if (debug) {
      handle.recordCreation(EventLoop.class);
    }
    timers.add(toNanos(when), handle);
    return handle;
  }

  // ---- futures and tasks

  /** A new pending future on this loop. Python: {@code loop.create_future()}. */
  public <T> Future<T> createFuture() {
    return new Future<>(this);
  }

  /**
   * Wraps {@code coroutine} in a task that starts at the loop's next turn. Python: {@code
   * loop.create_task()}.
   */
  public <T> Task<T> createTask(Coroutine<T> coroutine) {
    return createTask(coroutine, null);
  }

  /** {@link #createTask(Coroutine)} with a name. Python: {@code create_task(coro, name=...)}. */
  public <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
    if (coroutine == null) {
      throw new NullPointerException("createTask(null): a coroutine is required");
    }
    checkThread("createTask");
    checkClosed();
    Task<T> task = new Task<>(this, coroutine, name);
    addPending(task);
    ready.add(task);
    if (debug) {
      if (taskOrigins == null) {
        taskOrigins = new java.util.WeakHashMap<>();
      }
      taskOrigins.put(task, new Throwable().getStackTrace());
    }
    return task;
  }

  /**
   * The loop's tasks that are not done, in the order they were created. Python: {@code
   * asyncio.all_tasks(loop)}.
   */
  public Set<Task<?>> allTasks() {
    List<Task<?>> newestFirst = pendingTasks();
    Collections.reverse(newestFirst);
    return new LinkedHashSet<>(newestFirst);
  }

  /** The loop's unfinished tasks, newest first. */
  List<Task<?>> pendingTasks() {
    List<Task<?>> tasks = new ArrayList<>();
    for (Task<?> t = firstPending; t != null; t = t.nextPending) {
      tasks.add(t);
    }
    return tasks;
  }

  // ---- running and stopping

  /**
   * Runs the loop until {@code awaitable} is done and returns its value, or throws its exception.
   * A coroutine is wrapped in a task first. Python: {@code loop.run_until_complete()}.
   *
   * @throws IllegalStateException if the loop is closed or already running, or stopped before the
   *     awaitable was done
   */
  public <T> T runUntilComplete(Awaitable<T> awaitable) {
    checkClosed();
    checkNotRunning();
    Future<T> future = toFuture(awaitable);
    Future.Listener stopWhenDone = done -> stop();
    future.addListener(stopWhenDone);
    try {
      runForever();
    } finally {
      future.removeListener(stopWhenDone);
    }
    if (!future.done()) {
      throw new IllegalStateException("Event loop stopped before Future completed.");
    }
    return future.result();
  }

  /** Runs the loop until {@link #stop()} is called. Python: {@code loop.run_forever()}. */
  public void runForever() {
    checkClosed();
    checkNotRunning();
    thread = Thread.currentThread();
    RUNNING.set(this);
    DebugMode.loopStarted(this);
    try {
      while (true) {
        runOnce();
        if (stopping) {
          break;
        }
      }
    } finally {
      stopping = false;
      DebugMode.loopStopped(this);
      RUNNING.remove();
      thread = null;
    }
  }

  /**
   * Stops the loop after the current turn; if it is not running, the next {@link #runForever()}
   * runs one turn and returns. Python: {@code loop.stop()}.
   */
  public void stop() {
    stopping = true;
  }

  /** Whether the loop is running. Python: {@code loop.is_running()}. */
  public boolean isRunning() {
    return thread != null;
  }

  /** Whether the loop was closed. Python: {@code loop.is_closed()}. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Closes the loop, dropping whatever is still scheduled, and shuts the default executor down
   * without waiting. Reports the exceptions of failed futures that nobody retrieved, and in debug
   * mode the coroutines created on the loop and never awaited. Python: {@code loop.close()}.
   *
   * @throws IllegalStateException if the loop is running
   */
  @Override
  public void close() {
    if (thread != null) {
      throw new IllegalStateException("Cannot close a running event loop");
    }
    if (closed) {
      return;
    }
    closed = true;
    ready.clear();
    timers.clear();
    staleTimers = 0;
    inbox.clear();
    if (io != null) {
      io.close();
      io = null;
    }
    executorShutdownCalled = true;
    ExecutorService executor = defaultExecutor;
    if (executor != null) {
      defaultExecutor = null;
      executor.shutdown();
    }
    reportAllUnretrieved();
    if (debug) {
      neverAwaited.reportTo(this);
    }
  }

  // ---- executors

  /**
   * Runs {@code function} on {@code executor} (the loop's default executor, a pool of daemon
   * threads, when it is null) and returns a future of this loop that gets its result or
   * exception, on the loop's thread. Cancelling the future cancels the work if it has not started.
   * Python: {@code loop.run_in_executor(executor, func)}.
   */
  public <T> Future<T> runInExecutor(Executor executor, Callable<T> function) {
    Objects.requireNonNull(function, "runInExecutor: a function to run is required");
    checkThread("runInExecutor");
    checkClosed();
    if (executor == null) {
      executor = defaultExecutor();
    }
    Future<T> future = new Future<>(this);
    FutureTask<T> work = new FutureTask<>(function) {
      @Override
      protected void done() {
        callSoonThreadsafeIfOpen(() -> Interop.copyOutcome(this, future));
      }
    };
    future.addListener(done -> {
      if (done.cancelled()) {
        work.cancel(false);
      }
    });
    executor.execute(work);
    return future;
  }

  /** {@link #runInExecutor(Executor, Callable)} for work that returns nothing. */
  public Future<Void> runInExecutor(Executor executor, Runnable function) {
    Objects.requireNonNull(function, "runInExecutor: a function to run is required");
    return runInExecutor(executor, () -> {
      function.run();
      return null;
    });
  }

  /**
   * Makes {@code executor} the one {@link #runInExecutor} and {@link Asyncio#toThread} use when
   * given none. Python: {@code loop.set_default_executor()}.
   */
  public void setDefaultExecutor(ExecutorService executor) {
    defaultExecutor = Objects.requireNonNull(executor, "setDefaultExecutor(null)");
  }

  /**
   * Shuts the default executor down and waits, without blocking the loop, until the work it runs
   * has finished. {@link Asyncio#run} does this before closing the loop. Python: {@code
   * loop.shutdown_default_executor()}.
   */
  public Coroutine<Void> shutdownDefaultExecutor() {
    return new Lazy<>("EventLoop.shutdownDefaultExecutor", () -> {
      executorShutdownCalled = true;
      ExecutorService executor = defaultExecutor;
      Future<Void> finished = new Future<>(this);
      if (executor == null) {
        finished.complete(null);
        return finished;
      }
      Thread waiter = new Thread(() -> {
        executor.shutdown();
        boolean terminated = false;
        while (!terminated) {
          try {
            terminated = executor.awaitTermination(1, TimeUnit.DAYS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
        callSoonThreadsafeIfOpen(() -> {
          defaultExecutor = null;
          finished.completeIfPending(null);
        });
      }, "asyncj-shutdown-default-executor");
      waiter.setDaemon(true);
      waiter.start();
      return finished;
    });
  }

  private ExecutorService defaultExecutor() {
    if (executorShutdownCalled) {
      throw new IllegalStateException("Executor shutdown has been called");
    }
    if (defaultExecutor == null) {
      defaultExecutor = Interop.newDefaultExecutor();
    }
    return defaultExecutor;
  }

  // ---- exception handler

  /**
   * Sets the function that receives the errors nobody else can handle: a failing callback, an
   * exception never retrieved, a task failing during {@code Asyncio.run}'s shutdown. It gets the
   * loop and a context map with asyncio's keys: {@code message} (always), {@code exception}, and
   * as the case may be {@code future}, {@code task}, {@code handle}, {@code source_traceback}.
   * {@code null} restores the default handler, which prints them on standard error. Python: {@code
   * loop.set_exception_handler()}.
   */
  public void setExceptionHandler(BiConsumer<EventLoop, Map<String, Object>> handler) {
    exceptionHandler = handler;
  }

  /**
   * The handler set by {@link #setExceptionHandler}, or {@code null} for the default one. Python:
   * {@code loop.get_exception_handler()}.
   */
  public BiConsumer<EventLoop, Map<String, Object>> getExceptionHandler() {
    return exceptionHandler;
  }

  /**
   * Hands {@code context} to the exception handler (the default one if none is set). An exception
   * thrown by the handler is reported by the default handler. Python: {@code
   * loop.call_exception_handler()}.
   */
  public void callExceptionHandler(Map<String, ?> context) {
    Map<String, Object> copy = new LinkedHashMap<>(context);
    BiConsumer<EventLoop, Map<String, Object>> handler = exceptionHandler;
    if (handler == null) {
      try {
        defaultExceptionHandler(copy);
      } catch (RuntimeException | Error e) {
        report("Exception in default exception handler", e);
      }
      return;
    }
    try {
      handler.accept(this, copy);
    } catch (RuntimeException | Error e) {
      Map<String, Object> failure = new LinkedHashMap<>();
      failure.put("message", "Unhandled error in exception handler");
      failure.put("exception", e);
      failure.put("context", copy);
      try {
        defaultExceptionHandler(failure);
      } catch (RuntimeException | Error again) {
        report(
            "Exception in default exception handler while handling an unexpected error in custom"
                + " exception handler",
            again);
      }
    }
  }

  /**
   * Prints {@code context} on standard error as asyncio's default handler logs it: the message,
   * then each other key in alphabetical order as {@code key: value}, then the exception's stack
   * trace. Python: {@code loop.default_exception_handler()}.
   */
  public void defaultExceptionHandler(Map<String, ?> context) {
    Object message = context.get("message");
    StringBuilder text =
        new StringBuilder(
            message == null || message.toString().isEmpty()
                ? "Unhandled exception in event loop"
                : message.toString());
    for (Map.Entry<String, ?> entry : new TreeMap<String, Object>(context).entrySet()) {
      String key = entry.getKey();
      if (key.equals("message") || key.equals("exception")) {
        continue;
      }
      Object value = entry.getValue();
      text.append('\n').append(key).append(": ");
      if (value instanceof StackTraceElement[] frames) {
        text.append("Object created at (most recent call last):");
        for (int i = frames.length - 1; i >= 0; i--) {
          text.append("\n  at ").append(frames[i]);
        }
      } else {
        text.append(Repr.of(value));
      }
    }
    Object exception = context.get("exception");
    report(text.toString(), exception instanceof Throwable t ? t : null);
  }

  /** Reports a failure with just a message and an exception (a failing callback). */
  void callExceptionHandler(String message, Throwable exception, String key, Object subject) {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("message", message);
    if (exception != null) {
      context.put("exception", exception);
    }
    if (key != null) {
      context.put(key, subject);
    }
    callExceptionHandler(context);
  }

  /** Prints a diagnostic on standard error, as asyncio's logger does by default. */
  void report(String message, Throwable exception) {
    synchronized (System.err) {
      System.err.println(message);
      if (exception != null) {
        exception.printStackTrace(System.err);
      }
    }
  }

  // ---- the loop's turn

  private void runOnce() {
    if (firstUnretrieved != null) {
      reportCollectedFutures();
    }
    long timeout;
    if (!ready.isEmpty() || stopping) {
      timeout = 0;
    } else if (!timers.isEmpty()) {
      timeout = Math.max(0, timers.firstDeadline() - clock.nanoTime());
    } else {
      timeout = -1; // wait for another thread
    }
    if (timeout != 0) {
      waitForEvents(timeout);
    } else if (io != null && io.active()) {
      io.poll(); // work is ready, but ready channels must not starve: look without waiting
    }
    drainInbox();
    long now = clock.nanoTime();
    while (!timers.isEmpty() && timers.firstDeadline() <= now) {
      Object target = timers.firstTarget();
      long seq = timers.firstSeq();
      timers.removeFirst();
      if (target instanceof Task<?> task) {
        // A task's timer is stale when the sleep was cancelled (the task then waits for nothing,
        // or for a later timer with another number).
        if (task.timerSeq == seq) {
          task.timerSeq = 0;
          ready.add(task);
        } else {
          staleTimers--;
        }
      } else {
        TimerHandle handle = (TimerHandle) target;
        handle.scheduled = false;
        if (handle.cancelled()) {
          staleTimers--;
        } else {
          ready.add(target);
        }
      }
    }
    // Run only what is ready now: items scheduled by these run at the next turn.
    for (int n = ready.size(); n > 0; n--) {
      Object item = ready.poll();
      Future<?> done = item instanceof Future.Listener ? ready.pollFuture() : null;
      if (debug) {
        runTimed(item, done);
      } else {
        runItem(item, done);
      }
    }
  }

  /** Runs a ready item; {@code done} is the future a listener is told about, else null. */
  private void runItem(Object item, Future<?> done) {
    try {
      if (item instanceof Task<?> task) {
        task.step();
      } else if (item instanceof Handle handle) {
        handle.run();
      } else if (done != null) {
        ((Future.Listener) item).futureDone(done);
      } else {
        ((Runnable) item).run();
      }
    } catch (Throwable e) {
      if (item instanceof Handle handle) {
        callExceptionHandler("Exception in callback " + handle.callbackText(), e, "handle", handle);
      } else {
        callExceptionHandler("Exception in callback " + item, e, null, null);
      }
    }
  }

  private void runTimed(Object item, Future<?> done) {
    long start = System.nanoTime();
    runItem(item, done);
    long took = System.nanoTime() - start;
    if (took >= slowCallbackNanos) {
      report(String.format(Locale.ROOT, "Executing %s took %.3f seconds", item, took / 1e9), null);
    }
  }

  /**
   * Waits until another thread posts to the inbox or {@code timeoutNanos} pass ({@code -1}: no
   * limit). The only place where the loop waits: a selector would replace this method. On the
   * virtual clock, a positive timeout moves the clock instead of waiting.
   */
  private void waitForEvents(long timeoutNanos) {
    if (io != null && io.active()) {
      waitOnSelector(timeoutNanos);
      return;
    }
    if (!inbox.isEmpty()) {
      return;
    }
    if (clock.isVirtual() && timeoutNanos > 0) {
      clock.advance(timeoutNanos);
      return;
    }
    waiting = true;
    try {
      while (inbox.isEmpty()) {
        if (timeoutNanos < 0) {
          LockSupport.park(this);
        } else {
          long deadline = clock.nanoTime() + timeoutNanos;
          LockSupport.parkNanos(this, timeoutNanos);
          timeoutNanos = deadline - clock.nanoTime();
          if (timeoutNanos <= 0) {
            break;
          }
        }
      }
    } finally {
      waiting = false;
    }
  }

  /**
   * {@link #waitForEvents} while channels are watched: waits on the selector, whose callbacks for
   * ready channels go to the ready queue. The selector counts in milliseconds: a wait is rounded
   * up to the next one, as asyncio does, so a timer is never run early. On the virtual clock, the
   * channels are polled and, if none is ready, the clock jumps to the timer as usual.
   */
  private void waitOnSelector(long timeoutNanos) {
    if (!inbox.isEmpty() || (clock.isVirtual() && timeoutNanos > 0)) {
      io.poll();
      if (clock.isVirtual() && timeoutNanos > 0 && ready.isEmpty() && inbox.isEmpty()) {
        clock.advance(timeoutNanos);
      }
      return;
    }
    selecting = io.selector();
    waiting = true;
    try {
      if (inbox.isEmpty()) {
        io.select(timeoutNanos < 0 ? 0 : Math.max(1, (timeoutNanos + 999_999) / 1_000_000));
      } else {
        io.poll();
      }
    } finally {
      waiting = false;
      selecting = null;
    }
  }

  // ---- channels: Python's loop.add_reader() and friends

  /**
   * Runs {@code callback} on the loop whenever {@code channel} is readable (for a server channel:
   * has a connection to accept), until {@link #removeReader}; replaces the channel's previous
   * reader. The channel must be in non-blocking mode. Python: {@code loop.add_reader(fd,
   * callback)}.
   */
  public void addReader(SelectableChannel channel, Runnable callback) {
    Objects.requireNonNull(callback, "addReader: a callback is required");
    checkThread("addReader");
    checkClosed();
    io().addReader(channel, callback);
  }

  /** Stops watching {@code channel} for reading; false if it was not. Python: {@code remove_reader}. */
  public boolean removeReader(SelectableChannel channel) {
    checkThread("removeReader");
    return io != null && io.removeReader(channel);
  }

  /**
   * Runs {@code callback} on the loop whenever {@code channel} is writable (for a socket whose
   * connect is pending: once it has connected or failed), until {@link #removeWriter}. Python:
   * {@code loop.add_writer(fd, callback)}.
   */
  public void addWriter(SelectableChannel channel, Runnable callback) {
    Objects.requireNonNull(callback, "addWriter: a callback is required");
    checkThread("addWriter");
    checkClosed();
    io().addWriter(channel, callback);
  }

  /** Stops watching {@code channel} for writing; false if it was not. Python: {@code remove_writer}. */
  public boolean removeWriter(SelectableChannel channel) {
    checkThread("removeWriter");
    return io != null && io.removeWriter(channel);
  }

  /** Drops the callbacks of a channel that is being closed, and frees its descriptor soon. */
  void forgetChannel(SelectableChannel channel) {
    if (io != null) {
      io.forget(channel);
    }
  }

  private SelectorIo io() {
    if (io == null) {
      io = new SelectorIo(ready);
    }
    return io;
  }

  private void drainInbox() {
    Object posted;
    while ((posted = inbox.poll()) != null) {
      ready.add(posted);
    }
  }

  // ---- used by tasks and futures

  /** Puts a task on the ready queue. */
  void wake(Task<?> task) {
    ready.add(task);
  }

  /** Schedules an internal callback without a Handle and without the checks of callSoon. */
  void callSoonInternal(Runnable callback) {
    ready.add(callback);
  }

  /** Schedules {@code listener.futureDone(future)}, allocating nothing. */
  void tellSoon(Future.Listener listener, Future<?> future) {
    ready.add(listener, future);
  }

  /** Schedules a handle without the checks of callSoon. */
  void callSoonInternal(Handle handle) {
    ready.add(handle);
  }

  /** {@link #callSoonThreadsafe} that does nothing once the loop is closed. */
  void callSoonThreadsafeIfOpen(Runnable callback) {
    if (!closed) {
      try {
        callSoonThreadsafe(callback);
      } catch (IllegalStateException closedMeanwhile) {
        // The loop closed between the check and the call: nobody is left to run it.
      }
    }
  }

  /** Adds a timer that steps {@code task} when due; returns the timer's sequence number. */
  long addTimer(long deadlineNanos, Task<?> task) {
    return timers.add(deadlineNanos, task);
  }

  /** A timer entry was cancelled and will be skipped when due; purges the heap if they pile up. */
  void timerCancelled() {
    staleTimers++;
    if (staleTimers > MIN_TIMERS_TO_PURGE && staleTimers * 2 > timers.size()) {
      timers.removeIf(
          (target, seq) ->
              target instanceof Task<?> task
                  ? task.timerSeq != seq
                  : ((TimerHandle) target).cancelled());
      staleTimers = 0;
    }
  }

  /** How many entries the timer heap holds, cancelled ones included (for tests). */
  int timerCount() {
    return timers.size();
  }

  /** How many failed futures are waiting for their exception to be retrieved (for tests). */
  int unretrievedCount() {
    int count = 0;
    for (Unretrieved r = firstUnretrieved; r != null; r = r.next) {
      count++;
    }
    return count;
  }

  /** The loop's clock in nanoseconds. */
  long nanoTime() {
    return clock.nanoTime();
  }

  void taskFinished(Task<?> task) {
    Task<?> previous = task.previousPending;
    Task<?> next = task.nextPending;
    if (previous != null) {
      previous.nextPending = next;
    } else if (firstPending == task) {
      firstPending = next;
    }
    if (next != null) {
      next.previousPending = previous;
    }
    task.previousPending = null;
    task.nextPending = null;
  }

  private void addPending(Task<?> task) {
    task.nextPending = firstPending;
    if (firstPending != null) {
      firstPending.previousPending = task;
    }
    firstPending = task;
  }

  /** Tracks a coroutine created while this loop runs in debug mode, until it starts. */
  DebugMode.Tracker neverAwaitedTracker() {
    return neverAwaited;
  }

  // ---- exceptions never retrieved

  /** Starts tracking the unretrieved exception of {@code future}; returns its record, or null. */
  Unretrieved trackUnretrieved(Future<?> future, Throwable exception) {
    if (closed) {
      return null;
    }
    if (collectedFutures == null) {
      collectedFutures = new ReferenceQueue<>();
    }
    StackTraceElement[] createdAt = taskOrigins != null ? taskOrigins.get(future) : null;
    Unretrieved record = new Unretrieved(future, exception, createdAt, collectedFutures);
    record.previous = lastUnretrieved;
    if (lastUnretrieved != null) {
      lastUnretrieved.next = record;
    } else {
      firstUnretrieved = record;
    }
    lastUnretrieved = record;
    return record;
  }

  /** Someone looked at the exception: stop tracking it. */
  void retrieved(Unretrieved record) {
    unlink(record);
    record.clear();
  }

  private void unlink(Unretrieved record) {
    Unretrieved previous = record.previous;
    Unretrieved next = record.next;
    if (previous != null) {
      previous.next = next;
    } else if (firstUnretrieved == record) {
      firstUnretrieved = next;
    } else {
      return; // not listed any more
    }
    if (next != null) {
      next.previous = previous;
    } else {
      lastUnretrieved = previous;
    }
    record.previous = null;
    record.next = null;
  }

  private void reportCollectedFutures() {
    Reference<? extends Future<?>> collected;
    while ((collected = collectedFutures.poll()) != null) {
      Unretrieved record = (Unretrieved) collected;
      if (record.previous != null || firstUnretrieved == record) {
        unlink(record);
        callExceptionHandler(record.context());
      }
    }
  }

  private void reportAllUnretrieved() {
    List<Unretrieved> records = new ArrayList<>();
    for (Unretrieved r = firstUnretrieved; r != null; r = r.next) {
      records.add(r);
    }
    firstUnretrieved = null;
    lastUnretrieved = null;
    for (Unretrieved record : records) {
      record.previous = null;
      record.next = null;
      Map<String, Object> context = record.context();
      Object future = context.get("future");
      if (future instanceof Future<?> alive) {
        alive.markRetrieved(); // reported now: never again
      }
      record.clear();
      callExceptionHandler(context);
    }
  }

  // ---- checks

  @SuppressWarnings("unchecked") // a Coroutine<T> wrapped in a Task<T> is a Future<T>
  private <T> Future<T> toFuture(Awaitable<T> awaitable) {
    if (awaitable == null) {
      throw new NullPointerException("runUntilComplete(null): give a coroutine or a future");
    }
    if (awaitable instanceof Coroutine<T> coroutine) {
      return createTask(coroutine);
    }
    Future<T> future = (Future<T>) awaitable;
    if (future.loop != this) {
      throw new IllegalArgumentException("The future belongs to a different loop than this one");
    }
    return future;
  }

  /** Whether the caller is the loop's thread, the loop running. */
  boolean isLoopThread() {
    return thread == Thread.currentThread();
  }

  /** Whether the caller is on the loop's thread, or the loop is not running (so it is safe). */
  boolean isOnLoopThreadOrIdle() {
    Thread owner = thread;
    return owner == null || owner == Thread.currentThread();
  }

  /**
   * Throws unless called from the loop's thread or while the loop is not running. Python: {@code
   * _check_thread()} (debug mode only there; here always, as it costs one read).
   */
  void checkThread(String what) {
    Thread owner = thread;
    if (owner != null && owner != Thread.currentThread()) {
      throw new IllegalStateException(
          "Non-thread-safe operation invoked on an event loop other than the current one: "
              + what + " from thread '" + Thread.currentThread().getName()
              + "' while the loop runs on thread '" + owner.getName()
              + "'; use callSoonThreadsafe");
    }
  }

  private void checkClosed() {
    if (closed) {
      throw new IllegalStateException("Event loop is closed");
    }
  }

  private void checkNotRunning() {
    if (thread != null) {
      throw new IllegalStateException("This event loop is already running");
    }
    if (RUNNING.get() != null) {
      throw new IllegalStateException(
          "Cannot run the event loop while another loop is running");
    }
  }

  private long toNanos(double seconds) {
    return (long) Math.ceil(seconds * 1e9);
  }

  @Override
  public String toString() {
    return "<EventLoop running=" + isRunning() + " closed=" + closed + " debug=" + debug + ">";
  }
}
