package dev.asyncj;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A coroutine scheduled to run on an event loop, concurrently with the others: Python's {@code
 * asyncio.Task}, made by {@link Asyncio#createTask Asyncio.createTask}.
 *
 * <p>A task starts at the loop's next turn, not when it is created: the creator keeps running until
 * it awaits something. A task is a {@link Future} of its coroutine's value; awaiting it waits for
 * the coroutine to finish. {@link #cancel()} throws a {@link CancelledError} into the coroutine at
 * the await where it is suspended.
 *
 * @param <T> the type of the coroutine's value
 */
public class Task<T> extends Future<T> {
  /*
   * Maintainer notes.
   *
   * A task is woken in one of three ways, and is waiting for at most one of them:
   *   - a future it awaits is done (waitingOn() is that future; the task is one of its callbacks),
   *   - a timer of sleep(d) fires ('timerSeq' is the sequence number of that timer entry; a timer
   *     entry whose number differs, because the sleep was cancelled, is ignored),
   *   - it was put on the ready queue (first step, sleep(0), or after the above).
   * On waking, step() delivers the outcome to 'resumeFrame', the innermost suspended coroutine, and
   * resumes the chain of coroutines from there (see Coroutine). 'resumeFrame' is always a frame of
   * that chain: the task's own coroutine before the first step and once done, and while a step runs
   * the frame being resumed or one of its callers; so the task's coroutine is found by walking up
   * from it, and needs no field of its own.
   *
   * Cancellation follows tasks.py: cancel() cancels the awaited future if there is one (which wakes
   * the task with CancelledError); otherwise it sets 'mustCancel', and the next step throws a
   * CancelledError into the coroutine instead of whatever it was going to receive. A task whose
   * coroutine returns while 'mustCancel' is set ends cancelled. cancel() checks the thread, then
   * calls cancelFuture(), which the runtime calls directly (a Gathering or TaskGroup cancelling its
   * children, a Timeout cancelling its task).
   *
   * Task states, as Future's, plus the 'cancelling' of the repr: PENDING (not started, or
   * suspended, or running) -> FINISHED / FAILED (the coroutine returned / threw) or CANCELLED (it
   * threw CancelledError, or was cancelled before it started).
   *
   * Size. A million tasks must stay small, so a task holds only what waiting and waking need, and
   * the rest elsewhere: the exception-never-retrieved record lives in Future's callbacks slot once
   * done, and the awaited future in its result slot while pending (Future.pendingSlot); names are
   * computed on demand, and a given name, a cancel message and the count of cancel() requests
   * (what few tasks ever have) live in a Details record made on first need; the value or exception
   * handed to a resumed frame passes through the loop (EventLoop.sent and .thrown), since only one
   * task runs at a time; the coroutine is found from 'resumeFrame'. With compressed oops: a 12-byte
   * header, Future's 13 bytes of fields, then number, details, resumeFrame (4 each), timerSeq (8),
   * started and mustCancel (1 each) and the two links of the pending list (4 each): 55, so 56
   * bytes a task.
   */
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final int number;
  /** What few tasks need: a given name, cancellation messages and counts; null until needed. */
  private Details details;

  /**
   * The innermost suspended coroutine of this task: the task's coroutine before the first step and
   * once done (see the notes).
   */
  private Coroutine<?> resumeFrame;
  /** The sequence number of the timer entry that wakes this task; 0 if none. */
  long timerSeq;

  /** Whether the first step has run. */
  private boolean started;
  private boolean mustCancel;

  /** Links of the loop's list of unfinished tasks (for allTasks() and the shutdown of run()). */
  Task<?> previousPending;
  Task<?> nextPending;

  Task(EventLoop loop, Coroutine<T> coroutine, String name) {
    super(loop);
    if (coroutine.started()) {
      Task<?> owner = coroutine.task;
      if (owner != null && owner.loop != loop) {
        throw new IllegalStateException(
            "coroutine " + coroutine + " is already running on another event loop (" + owner.loop
                + "): a coroutine runs once, on the loop that started it");
      }
      throw new IllegalStateException(
          "cannot reuse already awaited coroutine " + coroutine + " for a new task");
    }
    this.resumeFrame = coroutine;
    this.number = COUNTER.incrementAndGet();
    if (name != null) {
      details().name = name;
    }
    coroutine.task = this;
    if (DebugMode.tracking) {
      DebugMode.started(coroutine);
    }
  }

  /** The task's name: given at creation, or {@code Task-<n>}. Python: {@code get_name()}. */
  public String getName() {
    String name = details != null ? details.name : null;
    return name != null ? name : "Task-" + number;
  }

  /** Renames the task. Python: {@code set_name()}. */
  public void setName(Object name) {
    details().name = String.valueOf(name);
  }

  private Details details() {
    Details d = details;
    if (d == null) {
      d = new Details();
      details = d;
    }
    return d;
  }

  /** The coroutine this task runs. Python: {@code get_coro()}. */
  @SuppressWarnings("unchecked") // the outermost frame is the Coroutine<T> the task was made of
  public Coroutine<T> getCoro() {
    Coroutine<?> frame = resumeFrame;
    while (frame.caller != null) {
      frame = frame.caller;
    }
    return (Coroutine<T>) frame;
  }

  /** The future this task waits for, if it waits for one: kept in Future's free result slot. */
  private Future<?> waitingOn() {
    return (Future<?>) pendingSlot();
  }

  /**
   * Asks the task to stop: a {@link CancelledError} is thrown into its coroutine at the await where
   * it is suspended (or before it starts, and then none of its body runs). The coroutine may catch
   * it; {@code finally} blocks run. If the task awaits another task or a future, that one is
   * cancelled too. Each call counts one request ({@link #cancelling()}). Python: {@code cancel()}.
   *
   * @return {@code false} if the task is already done
   */
  @Override
  public boolean cancel() {
    return cancel(null);
  }

  /** {@link #cancel()} with a message the {@link CancelledError} carries. */
  @Override
  public boolean cancel(String message) {
    loop.checkThread("Task.cancel");
    return cancelFuture(message);
  }

  @Override
  boolean cancelFuture(String message) {
    if (done()) {
      markRetrieved(); // as Python: cancel() on a done task silences "never retrieved"
      return false;
    }
    Details d = details();
    d.cancelRequests++;
    Future<?> awaited = waitingOn();
    if (awaited != null && awaited.cancelFuture(message)) {
      // The awaited future's callbacks wake this task with CancelledError.
      return true;
    }
    mustCancel = true;
    d.cancelMessage = message;
    if (timerSeq != 0) {
      timerSeq = 0;
      loop.timerCancelled();
      loop.wake(this);
    }
    return true;
  }

  /**
   * How many cancellation requests are pending: {@link #cancel()} adds one, {@link #uncancel()}
   * takes one back. Catching the {@link CancelledError} does not reset it. Python: {@code
   * cancelling()}.
   */
  public int cancelling() {
    return details != null ? details.cancelRequests : 0;
  }

  /**
   * Withdraws one cancellation request and returns how many remain; for code that handles a
   * cancellation it caused itself, as {@link Asyncio#timeout} and {@link TaskGroup} do. Python:
   * {@code uncancel()}.
   */
  public int uncancel() {
    Details d = details;
    if (d == null) {
      return 0;
    }
    if (d.cancelRequests > 0) {
      d.cancelRequests--;
    }
    return d.cancelRequests;
  }

  /** A task's result is set by its coroutine only. */
  @Override
  public void setResult(T value) {
    throw new IllegalStateException("Task does not support setResult: its coroutine sets it");
  }

  /** A task's exception is set by its coroutine only. */
  @Override
  public void setException(Throwable exception) {
    throw new IllegalStateException("Task does not support setException: its coroutine sets it");
  }

  /**
   * Where this task is suspended: for each {@code @Async} method of the chain that waits there, a
   * frame naming the method, its file and the line where it awaits, the innermost first (the one
   * that awaits a sleep, a future or another task), as in a Java stack trace. Python: {@code
   * get_stack()}, whose frames come oldest first and, for a suspended task, are its own coroutine's
   * only; asyncj gives the whole chain, as Python 3.14's {@code asyncio.capture_call_graph()} does.
   *
   * <p>A task that has not started is at the line of its method. A done task has none (its {@link
   * #exception()}'s stack trace says where it failed). Asked by the running task about itself, the
   * frames say where its {@code @Async} methods are now: the lines running, then the awaits.
   * Coroutines not written as {@code @Async} methods (asyncj's own, such as {@code sleep}) have no
   * frame.
   *
   * <p>Costs nothing until asked: the chain of awaiting coroutines and the state of each, which
   * {@code @AsyncSource} maps to a line, are what the task keeps to resume them.
   */
  public List<StackTraceElement> getStack() {
    if (done()) {
      return List.of();
    }
    boolean running = EventLoop.runningOrNull() == loop && loop.currentTask == this;
    return AsyncTraces.stackOf(resumeFrame, running);
  }

  /**
   * Prints {@link #getStack()} on standard error: {@code Stack for <Task ...> (most recent call
   * first):}, then a line {@code \tat ...} per frame; for a failed task, its exception's stack
   * trace. Python: {@code print_stack()}.
   */
  public void printStack() {
    printStack(System.err);
  }

  /** {@link #printStack()} on {@code out}. Python: {@code print_stack(file=out)}. */
  public void printStack(PrintStream out) {
    AsyncTraces.printStack(this, getStack(), done() && !cancelled() ? rawException() : null, out);
  }

  /** Records that {@code frame} waits for {@code future}; the future wakes this task. */
  void waitFor(Future<?> future, Coroutine<?> frame) {
    if (future == this) {
      throw new IllegalStateException("Task cannot await on itself: " + this);
    }
    if (future.loop != loop) {
      throw new IllegalStateException(
          "Task " + this + " got Future " + future + " attached to a different loop: a future can"
              + " only be awaited on the loop (and thread) it belongs to; from another thread, use"
              + " EventLoop.callSoonThreadsafe or Asyncio.runCoroutineThreadsafe");
    }
    resumeFrame = frame;
    setPendingSlot(future);
    future.addWaiter(this);
    if (mustCancel && future.cancelFuture(pendingCancelMessage())) {
      // cancel() was called while this task ran: the await it just reached is cancelled at once.
      mustCancel = false;
    }
  }

  /** Records that {@code frame} waits for one turn of the loop. */
  void yieldFrom(Coroutine<?> frame) {
    resumeFrame = frame;
    loop.wake(this);
  }

  /** Records that {@code frame} waits until the loop's clock reaches {@code deadlineNanos}. */
  void sleepUntil(long deadlineNanos, Coroutine<?> frame) {
    resumeFrame = frame;
    if (mustCancel) {
      // cancel() was called while this task ran: do not sleep, take the CancelledError now.
      loop.wake(this);
    } else {
      timerSeq = loop.addTimer(deadlineNanos, this);
    }
  }

  /** Runs the task until its coroutine suspends or finishes: Python's {@code Task.__step}. */
  void step() {
    if (done()) {
      return;
    }
    EventLoop loop = this.loop;
    Coroutine<?> frame = resumeFrame;
    if (!started) {
      started = true;
      if (mustCancel) {
        // Cancelled before it ever ran: the body does not run at all.
        mustCancel = false;
        frame.finish();
        finishCancelled(new CancelledError(pendingCancelMessage()));
        return;
      }
    } else {
      // What the frame's awaitedValue() will see: nothing (a timer or a turn of the loop), the
      // awaited future's outcome, or the CancelledError of a cancel() that came meanwhile.
      loop.sent = null;
      loop.thrown = null;
      Future<?> awaited = waitingOn();
      if (awaited != null) {
        setPendingSlot(null);
        deliverOutcomeOf(awaited, loop);
      }
      if (mustCancel) {
        mustCancel = false;
        loop.sent = null;
        loop.thrown = new CancelledError(pendingCancelMessage());
      }
    }
    Task<?> previous = loop.currentTask;
    loop.currentTask = this;
    try {
      runFrames(frame, loop);
    } finally {
      loop.currentTask = previous;
    }
  }

  /**
   * Resumes {@code frame}, then each caller in turn as frames finish, until one suspends or the
   * task's own coroutine finishes.
   */
  private void runFrames(Coroutine<?> frame, EventLoop loop) {
    while (true) {
      Object value;
      try {
        value = frame.resume();
      } catch (Throwable e) {
        if (loop.getDebug()) {
          AsyncTraces.record(e, frame); // before finish(), which forgets the caller
        }
        Coroutine<?> caller = frame.caller;
        frame.finish();
        if (caller == null) {
          finishExceptionally(e);
          return;
        }
        resumeFrame = caller; // still a frame of the chain (see the notes)
        loop.sent = null;
        loop.thrown = e;
        frame = caller;
        continue;
      }
      if (value == Coroutine.SUSPENDED) {
        return;
      }
      Coroutine<?> caller = frame.caller;
      frame.finish();
      if (caller == null) {
        finish(value);
        return;
      }
      resumeFrame = caller;
      loop.sent = value;
      frame = caller;
    }
  }

  private static void deliverOutcomeOf(Future<?> awaited, EventLoop loop) {
    if (awaited.cancelled()) {
      loop.thrown = awaited.newCancelledError();
    } else if (awaited.rawException() != null) {
      loop.thrown = awaited.rawException();
      awaited.markRetrieved();
    } else {
      loop.sent = awaited.rawResult();
    }
  }

  /** The message of the cancel() request this task has not acted on yet. */
  private String pendingCancelMessage() {
    return details != null ? details.cancelMessage : null;
  }

  @SuppressWarnings("unchecked") // the value returned by a Coroutine<T>'s resume() is a T
  private void finish(Object value) {
    if (mustCancel) {
      // cancel() was called after the coroutine's last await: the task ends cancelled, as in
      // Python ("Task is cancelled right before coro stops").
      mustCancel = false;
      finishCancelled(new CancelledError(pendingCancelMessage()));
      return;
    }
    complete((T) value);
    loop.taskFinished(this);
  }

  private void finishExceptionally(Throwable e) {
    if (e instanceof CancelledError cancelled) {
      finishCancelled(cancelled);
    } else {
      fail(e);
      loop.taskFinished(this);
    }
  }

  private void finishCancelled(CancelledError error) {
    cancelSelf(error.getMessage());
    loop.taskFinished(this);
  }

  @Override
  String stateName() {
    return !done() && mustCancel ? "cancelling" : super.stateName();
  }

  /**
   * Reads like Python's repr: {@code <Task pending name='Task-1' coro=<coroutine object Demo.main
   * at 0x...>>}, {@code <Task finished name='Task-1' coro=<...> result=42>}.
   */
  @Override
  public String toString() {
    Future<?> awaited = waitingOn();
    return "<Task " + stateName() + " name='" + getName() + "' coro=" + getCoro() + outcome()
        + (awaited != null && !done() ? " wait_for=" + awaited : "") + ">";
  }

  /** The fields few tasks need, kept out of the task itself (see the notes at the top). */
  private static final class Details {
    /** The name given at creation or by setName; null for the default {@code Task-<n>}. */
    String name;
    /** The message of the last cancel() that set mustCancel. */
    String cancelMessage;
    /** cancel() requests minus uncancel() ones: Python's {@code _num_cancels_requested}. */
    int cancelRequests;
  }
}
