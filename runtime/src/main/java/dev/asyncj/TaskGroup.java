package dev.asyncj;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Tasks that live and die together: the group's body creates them, and the group ends only when
 * all are done. If one fails, the others (and the body, if it still runs) are cancelled, and the
 * group throws an {@link ExceptionGroup} with every failure. Python: {@code asyncio.TaskGroup}.
 *
 * <p>Python's
 *
 * <pre>{@code
 * async with asyncio.TaskGroup() as tg:
 *     t1 = tg.create_task(one())
 *     t2 = tg.create_task(two())
 * print(t1.result(), t2.result())
 * }</pre>
 *
 * <p>is, in an {@code @Async} method,
 *
 * <pre>{@code
 * Task<Integer> t1, t2;
 * try (TaskGroup tg = new TaskGroup()) {     // entering and leaving the block are awaited
 *   t1 = tg.createTask(one());
 *   t2 = tg.createTask(two());
 * }
 * System.out.println(t1.result() + " " + t2.result());
 * }</pre>
 *
 * <p>(see {@link AsyncCloseable}), or {@code Await.of(new TaskGroup().run(tg -> { ... }))} with a
 * body that does not await. The body runs in the current task.
 *
 * <p>A {@link CancelledError} from outside (the parent task cancelled) cancels the children and
 * passes through as it is, not in a group. One deliberate difference from Python 3.11.7: when a
 * child fails while the body has already finished, the cancellation the group requested of the
 * parent task is withdrawn too ({@link Task#cancelling()} returns to what it was), as Python 3.13
 * fixed it.
 */
public final class TaskGroup implements AsyncCloseable {
  private boolean entered;
  private boolean exiting;
  private boolean aborting;
  private boolean parentCancelRequested;
  private EventLoop loop;
  private Task<?> parentTask;
  private final Set<Task<?>> tasks = new LinkedHashSet<>();
  private final List<Throwable> errors = new ArrayList<>();
  private Throwable baseError;
  private Future<Boolean> onCompleted;
  private final Future.Listener onTaskDone = this::onTaskDone;

  /** Creates a group; {@link #run} enters it. Python: {@code asyncio.TaskGroup()}. */
  public TaskGroup() {}

  /**
   * Creates a task in this group. Python: {@code tg.create_task(coro)}.
   *
   * @throws IllegalStateException if the group has not been entered, is finished, or is shutting
   *     down after a failure
   */
  public <T> Task<T> createTask(Coroutine<T> coroutine) {
    return createTask(coroutine, null);
  }

  /** {@link #createTask(Coroutine)} with a name. Python: {@code tg.create_task(coro, name=...)}. */
  public <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
    if (!entered) {
      throw new IllegalStateException("TaskGroup " + this + " has not been entered");
    }
    if (exiting && tasks.isEmpty()) {
      throw new IllegalStateException("TaskGroup " + this + " is finished");
    }
    if (aborting) {
      throw new IllegalStateException("TaskGroup " + this + " is shutting down");
    }
    Task<T> task = loop.createTask(coroutine, name);
    tasks.add(task);
    task.addListener(onTaskDone);
    return task;
  }

  /**
   * Enters the group, awaits {@code body} in the current task, then waits for every task of the
   * group, and returns the body's value. Python: the {@code async with} block.
   *
   * @throws ExceptionGroup (from the await) with the failures of the tasks and of the body
   * @throws CancelledError if the parent task was cancelled from outside
   */
  public <T> Coroutine<T> run(Awaitable<T> body) {
    if (body == null) {
      throw new NullPointerException("TaskGroup.run(null): give the body to run");
    }
    return new Block<>(body);
  }

  /**
   * {@link #run(Awaitable)} for a body that does not await, usually one that only creates tasks:
   * {@code Await.of(new TaskGroup().run(tg -> { tg.createTask(a()); tg.createTask(b()); }))}.
   */
  public Coroutine<Void> run(Consumer<TaskGroup> body) {
    if (body == null) {
      throw new NullPointerException("TaskGroup.run(null): give the body to run");
    }
    return run(
        new Procedure<Void>("TaskGroup.body") {
          @Override
          Object step(Object value, Throwable error) {
            body.accept(TaskGroup.this);
            return null;
          }
        });
  }

  /**
   * Enters the group: the try-with-resources form of {@code async with TaskGroup() as tg:} awaits
   * this when its block starts.
   */
  @Override
  public Coroutine<Void> asyncEnter() {
    return new Procedure<>("TaskGroup.enter") {
      @Override
      Object step(Object value, Throwable error) {
        enter(this.task);
        return null;
      }
    };
  }

  /**
   * Waits for every task of the group when the block is left ({@code pending} is the exception
   * leaving it, if any), then throws as {@code __aexit__} does: an {@link ExceptionGroup} with the
   * failures, or the parent's {@link CancelledError}.
   */
  @Override
  public Coroutine<Boolean> asyncExit(Throwable pending) {
    Block<Void> exit = new Block<>(null);
    exit.state = Block.BODY; // the body has run: from here, as run()'s block leaves it
    exit.exitWith = pending;
    return new Procedure<>("TaskGroup.exit") {
      @Override
      Object step(Object value, Throwable error) throws Throwable {
        if (state == 0) {
          state = 1;
          return await(exit);
        }
        if (error != null) {
          throw error;
        }
        return false;
      }
    };
  }

  private void enter(Task<?> current) {
    if (entered) {
      throw new IllegalStateException("TaskGroup " + this + " has been already entered");
    }
    entered = true;
    loop = current.loop;
    parentTask = current;
  }

  private void abort() {
    aborting = true;
    for (Task<?> task : tasks) {
      if (!task.done()) {
        task.cancelFuture(null);
      }
    }
  }

  private void onTaskDone(Future<?> future) {
    Task<?> task = (Task<?>) future;
    tasks.remove(task);
    if (onCompleted != null && tasks.isEmpty() && !onCompleted.done()) {
      onCompleted.complete(true);
    }
    if (task.cancelled()) {
      return;
    }
    Throwable error = task.exception();
    if (error == null) {
      return;
    }
    errors.add(error);
    if (isBaseError(error) && baseError == null) {
      baseError = error;
    }
    if (parentTask.done()) {
      loop.callExceptionHandler(
          Map.of(
              "message",
              "Task " + task + " has errored out but its parent task " + parentTask
                  + " is already completed",
              "exception",
              error,
              "task",
              task));
      return;
    }
    if (!aborting && !parentCancelRequested) {
      // Cancel the parent to stop whatever the body awaits; the exit withdraws that request.
      abort();
      parentCancelRequested = true;
      parentTask.cancelFuture(null);
    }
  }

  /**
   * Errors that are not grouped but thrown as they are, Python's {@code SystemExit} and {@code
   * KeyboardInterrupt}: here the JVM's own failures.
   */
  private static boolean isBaseError(Throwable error) {
    return error instanceof VirtualMachineError;
  }

  /**
   * Reads like Python's repr: {@code <TaskGroup tasks=2 errors=1 cancelling>}, {@code <TaskGroup
   * entered>}.
   */
  @Override
  public String toString() {
    StringBuilder info = new StringBuilder("<TaskGroup");
    if (!tasks.isEmpty()) {
      info.append(" tasks=").append(tasks.size());
    }
    if (!errors.isEmpty()) {
      info.append(" errors=").append(errors.size());
    }
    if (aborting) {
      info.append(" cancelling");
    } else if (entered) {
      info.append(" entered");
    }
    return info.append('>').toString();
  }

  /** The coroutine {@link #run} returns: Python's {@code __aenter__}, the body, {@code __aexit__}. */
  private final class Block<T> extends Procedure<T> {
    private static final int BODY = 1;
    private static final int DRAINING = 2;

    private final Awaitable<T> body;
    /** For asyncExit: the block was left with this exception (null: normally). */
    private Throwable exitWith;
    private Object bodyValue;
    private Throwable bodyError;
    private Throwable propagateCancellation;

    Block(Awaitable<T> body) {
      super("TaskGroup");
      this.body = body;
    }

    @Override
    Object step(Object value, Throwable error) throws Throwable {
      switch (state) {
        case 0:
          enter(this.task); // the task running this coroutine is the parent
          state = BODY;
          return await(body);
        case BODY:
          if (body == null) {
            error = exitWith; // asyncExit: the block, not run() here, was the body
          }
          bodyValue = value;
          bodyError = error;
          exiting = true;
          if (error != null && isBaseError(error) && baseError == null) {
            baseError = error;
          }
          propagateCancellation = error instanceof CancelledError ? error : null;
          if (error != null && !aborting) {
            // The parent is being cancelled, or the body failed: stop the children.
            abort();
          }
          state = DRAINING;
          return awaitTasks();
        case DRAINING:
          if (error instanceof CancelledError && !aborting) {
            // The parent was cancelled while waiting for the children.
            propagateCancellation = error;
            abort();
          }
          onCompleted = null;
          return awaitTasks();
        default:
          throw unknownState();
      }
    }

    /** Waits until no task is left, then ends as {@code __aexit__} does. */
    private Object awaitTasks() throws Throwable {
      if (!tasks.isEmpty()) {
        if (onCompleted == null) {
          onCompleted = new Future<>(loop);
        }
        return await(onCompleted);
      }
      if (parentCancelRequested) {
        // We cancelled the parent ourselves: withdraw that request.
        parentCancelRequested = false;
        if (parentTask.uncancel() == 0) {
          propagateCancellation = null;
        }
      }
      if (baseError != null) {
        throw baseError;
      }
      if (propagateCancellation != null && errors.isEmpty()) {
        throw propagateCancellation;
      }
      if (bodyError != null && !(bodyError instanceof CancelledError)) {
        errors.add(bodyError);
      }
      if (!errors.isEmpty()) {
        List<Throwable> all = new ArrayList<>(errors);
        errors.clear();
        throw new ExceptionGroup("unhandled errors in a TaskGroup", all);
      }
      @SuppressWarnings("unchecked") // the body's value, a T
      T result = (T) bodyValue;
      return result;
    }

    private IllegalStateException unknownState() {
      return new IllegalStateException("asyncj bug: TaskGroup block in state " + state);
    }
  }
}
