package dev.asyncj;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs tasks and callbacks on one thread, one at a time: Python's asyncio event loop.
 *
 * <p>Most programs never touch it: {@link Asyncio#run Asyncio.run} makes one, runs a coroutine on
 * it and closes it. Inside a coroutine, {@link Asyncio#getRunningLoop()} returns the loop running
 * it. Everything here must be called on the loop's own thread except {@link #callSoonThreadsafe},
 * the one door for other threads.
 *
 * <p>For tests, {@link #withVirtualClock()} makes a loop whose clock jumps to the next timer
 * whenever there is nothing else to do, so {@code sleep(5)} takes no real time and {@link #time()}
 * reads exactly 5.0 afterwards.
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
   * Ready items are Tasks (stepped), Handles (run unless cancelled) and internal Runnables. Timer
   * targets are Tasks (woken if the timer's sequence number is still the one the task waits for)
   * and TimerHandles.
   */
  private static final ThreadLocal<EventLoop> RUNNING = new ThreadLocal<>();

  /** Steps or callbacks slower than this are reported in debug mode (asyncio's default). */
  private static final long SLOW_CALLBACK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final Clock clock;
  private final ReadyQueue ready = new ReadyQueue();
  private final TimerQueue timers = new TimerQueue();
  private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
  private volatile boolean waiting;
  private volatile Thread thread;

  private boolean stopping;
  private boolean closed;
  private boolean debug;
  private final DebugMode.Tracker neverAwaited = new DebugMode.Tracker();

  /** The task being stepped right now, if any. */
  Task<?> currentTask;

  /** The loop's unfinished tasks, as an intrusive list (see Task.previousPending). */
  private Task<?> firstPending;

  private EventLoop(Clock clock) {
    this.clock = clock;
  }

  /** A new loop on the real monotonic clock. Python: {@code asyncio.new_event_loop()}. */
  static EventLoop withRealClock() {
    return new EventLoop(Clock.real());
  }

  /**
   * A new loop whose clock starts at 0 and, whenever nothing is ready to run, jumps straight to the
   * next timer instead of waiting: {@code sleep(5)} costs no real time. For tests.
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

  /** Whether debug mode is on. Python: {@code loop.get_debug()}. */
  public boolean getDebug() {
    return debug;
  }

  /**
   * Turns debug mode on or off: coroutines never awaited are reported with where they were
   * created, and steps or callbacks slower than 100 ms are reported. Python: {@code
   * loop.set_debug()}.
   */
  public void setDebug(boolean enabled) {
    debug = enabled;
  }

  /**
   * Schedules {@code callback} to run at the loop's next turn, after everything already scheduled.
   * Python: {@code loop.call_soon()}.
   */
  public Handle callSoon(Runnable callback) {
    checkThread("callSoon");
    Handle handle = new Handle(callback);
    ready.add(handle);
    return handle;
  }

  /**
   * Schedules {@code callback} from any thread and wakes the loop. Python: {@code
   * loop.call_soon_threadsafe()}.
   */
  public Handle callSoonThreadsafe(Runnable callback) {
    if (closed) {
      throw new IllegalStateException("Event loop is closed");
    }
    Handle handle = new Handle(callback);
    inbox.add(handle::run);
    if (waiting) {
      Thread loopThread = thread;
      if (loopThread != null) {
        LockSupport.unpark(loopThread);
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
    TimerHandle handle = new TimerHandle(callback, when);
    timers.add(toNanos(when), handle);
    return handle;
  }

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
    if (closed) {
      throw new IllegalStateException("Event loop is closed");
    }
    Task<T> task = new Task<>(this, coroutine, name);
    addPending(task);
    ready.add(task);
    return task;
  }

  /**
   * Runs the loop until {@code awaitable} is done and returns its value, or throws its exception.
   * A coroutine is wrapped in a task first. Python: {@code loop.run_until_complete()}.
   */
  public <T> T runUntilComplete(Awaitable<T> awaitable) {
    Future<T> future = toFuture(awaitable);
    future.addListener(done -> stop());
    runForever();
    if (!future.done()) {
      throw new IllegalStateException("Event loop stopped before Future completed.");
    }
    return future.result();
  }

  /** Runs the loop until {@link #stop()} is called. Python: {@code loop.run_forever()}. */
  public void runForever() {
    if (closed) {
      throw new IllegalStateException("Event loop is closed");
    }
    if (thread != null) {
      throw new IllegalStateException("This event loop is already running");
    }
    if (RUNNING.get() != null) {
      throw new IllegalStateException(
          "Cannot run the event loop while another loop is running on this thread");
    }
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
   * Stops the loop after the current turn. Python: {@code loop.stop()}.
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
   * Closes the loop, dropping whatever is still scheduled. In debug mode, reports coroutines that
   * were created on it and never awaited. Python: {@code loop.close()}.
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
    inbox.clear();
    if (debug) {
      neverAwaited.reportTo(this);
    }
  }

  /** The loop's unfinished tasks. Python: {@code asyncio.all_tasks(loop)}. */
  List<Task<?>> pendingTasks() {
    List<Task<?>> tasks = new ArrayList<>();
    for (Task<?> t = firstPending; t != null; t = t.nextPending) {
      tasks.add(t);
    }
    return tasks;
  }

  // ---- the loop's turn

  private void runOnce() {
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
        }
      } else if (!((TimerHandle) target).cancelled()) {
        ready.add(target);
      }
    }
    // Run only what is ready now: items scheduled by these run at the next turn.
    for (int n = ready.size(); n > 0; n--) {
      Object item = ready.poll();
      if (debug) {
        runTimed(item);
      } else {
        runItem(item);
      }
    }
  }

  private void runItem(Object item) {
    try {
      if (item instanceof Task<?> task) {
        task.step();
      } else if (item instanceof Handle handle) {
        handle.run();
      } else {
        ((Runnable) item).run();
      }
    } catch (Throwable e) {
      callExceptionHandler("Exception in callback " + item, e);
    }
  }

  private void runTimed(Object item) {
    long start = System.nanoTime();
    runItem(item);
    long took = System.nanoTime() - start;
    if (took > SLOW_CALLBACK_NANOS) {
      report(String.format("Executing %s took %.3f seconds", item, took / 1e9), null);
    }
  }

  private void waitForEvents(long timeoutNanos) {
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

  private void drainInbox() {
    Runnable posted;
    while ((posted = inbox.poll()) != null) {
      ready.add(posted);
    }
  }

  // ---- used by tasks and futures

  /** Puts a task on the ready queue. */
  void wake(Task<?> task) {
    ready.add(task);
  }

  /** Schedules an internal callback without a Handle. */
  void callSoonInternal(Runnable callback) {
    ready.add(callback);
  }

  /** Adds a timer that steps {@code task} when due; returns the timer's sequence number. */
  long addTimer(long deadlineNanos, Task<?> task) {
    return timers.add(deadlineNanos, task);
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

  @SuppressWarnings("unchecked") // a Coroutine<T> wrapped in a Task<T> is a Future<T>
  private <T> Future<T> toFuture(Awaitable<T> awaitable) {
    if (awaitable instanceof Coroutine<T> coroutine) {
      return createTask(coroutine);
    }
    Future<T> future = (Future<T>) awaitable;
    if (future.loop != this) {
      throw new IllegalArgumentException("The future belongs to a different loop than this one");
    }
    return future;
  }

  /**
   * Reports an exception that no one else can handle (a failing callback). Python: {@code
   * loop.call_exception_handler()} with asyncio's default handler, which logs it.
   */
  void callExceptionHandler(String message, Throwable exception) {
    report(message, exception);
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

  private void checkThread(String what) {
    Thread owner = thread;
    if (owner != null && owner != Thread.currentThread()) {
      throw new IllegalStateException(
          "Non-thread-safe operation invoked on an event loop other than the current one: "
              + what + " from thread '" + Thread.currentThread().getName()
              + "'; use callSoonThreadsafe");
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
