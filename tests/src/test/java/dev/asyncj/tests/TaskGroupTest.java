package dev.asyncj.tests;

import static dev.asyncj.Asyncio.createTask;
import static dev.asyncj.Asyncio.currentTask;
import static dev.asyncj.Asyncio.done;
import static dev.asyncj.Asyncio.getRunningLoop;
import static dev.asyncj.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.asyncj.Async;
import dev.asyncj.Await;
import dev.asyncj.CancelledError;
import dev.asyncj.Coroutine;
import dev.asyncj.ExceptionGroup;
import dev.asyncj.Task;
import dev.asyncj.TaskGroup;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link TaskGroup}: waits for all its tasks; the first failure cancels the others; every failure
 * is reported in one {@link ExceptionGroup}; an outside cancellation passes through. Ports of the
 * catalogue's TG cases and of CPython's test_taskgroups.py.
 */
class TaskGroupTest {
  final List<Object> log = new ArrayList<>();
  final List<Task<?>> tasks = new ArrayList<>();

  @Async
  Coroutine<Void> waitsForAll() {
    TaskGroup tg = new TaskGroup();
    Await.of(tg.run(g -> {
      tasks.add(g.createTask(sleep(0.02, 1)));
      tasks.add(g.createTask(sleep(0.01, 2)));
    }));
    log.add(tasks.get(0).result());
    log.add(tasks.get(1).result());
    log.add(getRunningLoop().time());
    return done();
  }

  /** TG-01: the group ends when all its tasks are done; their results are there. */
  @Test
  void aTaskGroupWaitsForAllItsTasks() {
    Virtual.run(waitsForAll());
    assertEquals(List.of(1, 2, 0.02), log);
  }

  @Async
  Coroutine<Void> sibling() {
    try {
      Await.of(sleep(1));
    } catch (CancelledError e) {
      log.add("sibling cancelled");
      throw e;
    }
    return done();
  }

  @Async
  Coroutine<Void> failing() {
    Await.of(sleep(0.01));
    throw new ArithmeticException("boom");
  }

  @Async
  Coroutine<Void> firstFailure() {
    try {
      Await.of(new TaskGroup().run(g -> {
        tasks.add(g.createTask(sibling()));
        g.createTask(failing());
      }));
    } catch (ExceptionGroup eg) {
      log.add(eg.getClass().getSimpleName() + ": " + eg.getMessage() + " -> " + eg.exceptions());
    }
    log.add(tasks.get(0).cancelled());
    log.add(currentTask().cancelling());
    log.add(getRunningLoop().time());
    return done();
  }

  /**
   * TG-02: the first failure cancels the siblings; the failures come in an ExceptionGroup. The
   * group's cancellation of its parent is withdrawn (cancelling() back to 0).
   */
  @Test
  void theFirstFailureCancelsTheSiblings() {
    Virtual.run(firstFailure());
    assertEquals(
        List.of("sibling cancelled",
            "ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)"
                + " -> [java.lang.ArithmeticException: boom]",
            true, 0, 0.01),
        log);
  }

  @Async
  Coroutine<Void> fail(double delay, RuntimeException e) {
    Await.of(sleep(delay));
    throw e;
  }

  @Async
  Coroutine<Void> twoFailuresWhileTheBodySleeps(TaskGroup g) {
    g.createTask(fail(0.01, new IllegalArgumentException("a")));
    g.createTask(fail(0.01, new UnsupportedOperationException("b")));
    Await.of(sleep(1));
    return done();
  }

  @Async
  Coroutine<Void> bodyFails(TaskGroup g) {
    tasks.add(g.createTask(sleep(1)));
    throw new IllegalStateException("body");
  }

  @Async
  Coroutine<Void> twoFailures() {
    TaskGroup tg = new TaskGroup();
    try {
      Await.of(tg.run(twoFailuresWhileTheBodySleeps(tg)));
    } catch (ExceptionGroup eg) {
      log.add(eg.getMessage() + " | " + eg.exceptions());
    }
    TaskGroup tg2 = new TaskGroup();
    try {
      Await.of(tg2.run(bodyFails(tg2)));
    } catch (ExceptionGroup eg) {
      log.add(eg.getMessage() + " | " + eg.exceptions() + " | child cancelled: " + tasks.get(0).cancelled());
    }
    return done();
  }

  /**
   * TG-03: two failures are collected, in order; the body's own failure is included, and cancels
   * the children.
   */
  @Test
  void everyFailureIsReportedTogether_theBodysToo() {
    Virtual.run(twoFailures());
    assertEquals(
        List.of(
            "unhandled errors in a TaskGroup (2 sub-exceptions) | [java.lang.IllegalArgumentException:"
                + " a, java.lang.UnsupportedOperationException: b]",
            "unhandled errors in a TaskGroup (1 sub-exception) | [java.lang.IllegalStateException:"
                + " body] | child cancelled: true"),
        log);
  }

  @Async
  Coroutine<Void> child(int i) {
    try {
      Await.of(sleep(1));
    } catch (CancelledError e) {
      log.add("child" + i + " cancelled");
      throw e;
    }
    return done();
  }

  @Async
  Coroutine<Void> parent() {
    Await.of(new TaskGroup().run(g -> {
      g.createTask(child(1));
      g.createTask(child(2));
    }));
    return done();
  }

  @Async
  Coroutine<Void> cancelParent() {
    Task<Void> t = createTask(parent());
    Await.of(sleep(0.01));
    t.cancel();
    try {
      Await.of(t);
    } catch (CancelledError e) {
      log.add("parent CancelledError");
    } catch (ExceptionGroup e) {
      log.add("a group: wrong");
    }
    return done();
  }

  /** TG-04: the parent cancelled from outside: children cancelled, a plain CancelledError. */
  @Test
  void anOutsideCancellationCancelsTheChildrenAndPassesThrough() {
    Virtual.run(cancelParent());
    assertEquals(List.of("child1 cancelled", "child2 cancelled", "parent CancelledError"), log);
  }

  @Async
  Coroutine<Void> namesAndFinished() {
    TaskGroup tg = new TaskGroup();
    Await.of(tg.run(g -> tasks.add(g.createTask(sleep(0), "named"))));
    log.add(tasks.get(0).getName());
    try {
      tg.createTask(sleep(0));
    } catch (IllegalStateException e) {
      log.add(e.getMessage());
    }
    TaskGroup fresh = new TaskGroup();
    try {
      fresh.createTask(sleep(0));
    } catch (IllegalStateException e) {
      log.add(e.getMessage());
    }
    try {
      Await.of(tg.run(g -> log.add("never")));
    } catch (IllegalStateException e) {
      log.add(e.getMessage());
    }
    return done();
  }

  /** TG-05: names pass through; a finished group, or one never entered, refuses new tasks. */
  @Test
  void aFinishedGroupRefusesNewTasks() {
    Virtual.run(namesAndFinished());
    assertEquals(
        List.of("named", "TaskGroup <TaskGroup entered> is finished",
            "TaskGroup <TaskGroup> has not been entered",
            "TaskGroup <TaskGroup entered> has been already entered"),
        log);
  }

  @Async
  Coroutine<String> bodyWithValue(TaskGroup g) {
    tasks.add(g.createTask(sleep(0.05, "child")));
    Await.of(sleep(0.01));
    return done("body value");
  }

  @Async
  Coroutine<Void> valueOfTheBody() {
    TaskGroup tg = new TaskGroup();
    log.add(Await.of(tg.run(bodyWithValue(tg))));
    log.add(tasks.get(0).result());
    log.add(getRunningLoop().time());
    return done();
  }

  /** A body that awaits: the group gives its value once the children are done too. */
  @Test
  void aBodyThatAwaitsGivesItsValueAfterTheChildren() {
    Virtual.run(valueOfTheBody());
    assertEquals(List.of("body value", "child", 0.05), log);
  }

  @Async
  Coroutine<Void> swallowedGroup() {
    try {
      TaskGroup tg = new TaskGroup();
      Await.of(tg.run(sleepsWhileChildFails(tg)));
    } catch (ExceptionGroup ignored) {
      log.add("group caught");
    }
    Await.of(sleep(0.01));
    log.add("goes on after the group; cancelling() = " + currentTask().cancelling());
    return done();
  }

  @Async
  Coroutine<Void> sleepsWhileChildFails(TaskGroup g) {
    g.createTask(fail(0.01, new IllegalArgumentException("x")));
    try {
      Await.of(sleep(1));
    } catch (CancelledError e) {
      log.add("body cancelled by the group");
      throw e;
    }
    return done();
  }

  /**
   * test_taskgroups.py test_taskgroup_07-like: a child failure cancels the body's await; once the
   * group is handled, the parent task goes on uncancelled.
   */
  @Test
  void aChildFailureCancelsTheBody_andTheParentGoesOnAfterwards() {
    Virtual.run(swallowedGroup());
    assertEquals(
        List.of("body cancelled by the group", "group caught",
            "goes on after the group; cancelling() = 0"),
        log);
  }

  @Async
  Coroutine<Void> reprs() {
    TaskGroup tg = new TaskGroup();
    log.add(tg.toString());
    Await.of(tg.run(g -> {
      g.createTask(sleep(0));
      g.createTask(sleep(0));
      log.add(g.toString());
    }));
    log.add(tg.toString());
    return done();
  }

  /** test_taskgroups.py test_taskgroup_repr: tasks, errors and state in the repr. */
  @Test
  void aTaskGroupReadsLikePythonsRepr() {
    Virtual.run(reprs());
    assertEquals(List.of("<TaskGroup>", "<TaskGroup tasks=2 entered>", "<TaskGroup entered>"), log);
  }
}
