package dev.asyncj.tests;

import static dev.asyncj.Asyncio.currentTask;
import static dev.asyncj.Asyncio.done;
import static dev.asyncj.Asyncio.getRunningLoop;
import static dev.asyncj.Asyncio.sleep;
import static dev.asyncj.Asyncio.timeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.asyncj.Async;
import dev.asyncj.AsyncCloseable;
import dev.asyncj.Await;
import dev.asyncj.Coroutine;
import dev.asyncj.ExceptionGroup;
import dev.asyncj.Task;
import dev.asyncj.TaskGroup;
import dev.asyncj.Timeout;
import dev.asyncj.TimeoutError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Python's {@code async with}: a try-with-resources over an {@link AsyncCloseable} in an
 * {@code @Async} method awaits the resource's entry before the block and its exit after it, however
 * the block is left. The resources of asyncio ({@link TaskGroup}, {@link Timeout}) and one written
 * by the user.
 */
class AsyncWithTest {
  final List<Object> log = new ArrayList<>();

  /** A resource that logs, sleeps on entry and exit, and swallows exceptions if told to. */
  final class Logged implements AsyncCloseable {
    final String name;
    final boolean swallow;

    Logged(String name, boolean swallow) {
      this.name = name;
      this.swallow = swallow;
    }

    @Override
    public Coroutine<?> asyncEnter() {
      return enter();
    }

    @Async
    Coroutine<Void> enter() {
      Await.of(sleep(1));
      log.add("enter " + name + " at " + getRunningLoop().time());
      return done();
    }

    @Override
    public Coroutine<Boolean> asyncExit(Throwable pending) {
      return exit(pending);
    }

    @Async
    Coroutine<Boolean> exit(Throwable pending) {
      Await.of(sleep(1));
      log.add("exit " + name + " with " + pending + " at " + getRunningLoop().time());
      return done(swallow);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  @Async
  Coroutine<String> inOrder() {
    try (Logged a = new Logged("a", false); Logged b = new Logged("b", false)) {
      log.add("block with " + a + " and " + b);
      Await.of(sleep(1));
    }
    log.add("after");
    return done("value");
  }

  /** Entries in order, exits in reverse order, each awaited: the block runs between them. */
  @Test
  void entryAndExitAreAwaitedAroundTheBlock() {
    assertEquals("value", Virtual.run(inOrder()));
    assertEquals(
        List.of(
            "enter a at 1.0",
            "enter b at 2.0",
            "block with a and b",
            "exit b with null at 4.0",
            "exit a with null at 5.0",
            "after"),
        log);
  }

  final Logged field = new Logged("field", false);

  @Async
  Coroutine<Void> everyFormOfResource() {
    Logged named = new Logged("named", false);
    try (var declared = new Logged("var", false); named; this.field) {
      log.add("block with " + declared + ", " + named + ", " + field);
    }
    return done();
  }

  /** A resource declared with var, a local named, a field: all are entered and exited. */
  @Test
  void everyFormOfResourceIsAwaited() {
    Virtual.run(everyFormOfResource());
    assertEquals(
        List.of(
            "enter var at 1.0",
            "enter named at 2.0",
            "enter field at 3.0",
            "block with var, named, field",
            "exit field with null at 4.0",
            "exit named with null at 5.0",
            "exit var with null at 6.0"),
        log);
  }

  @Async
  Coroutine<String> returnsFromTheBlock() {
    try (Logged a = new Logged("a", false)) {
      return done("from the block");
    }
  }

  @Async
  Coroutine<Integer> breaksOutOfTheBlock() {
    int i = 0;
    for (; i < 5; i++) {
      try (Logged a = new Logged("a" + i, false)) {
        if (i == 1) {
          break;
        }
      }
    }
    return done(i);
  }

  /** return and break leave the block normally: the exit is awaited with no exception. */
  @Test
  void returnAndBreakAwaitTheExit() {
    assertEquals("from the block", Virtual.run(returnsFromTheBlock()));
    assertEquals(List.of("enter a at 1.0", "exit a with null at 2.0"), log);
    log.clear();
    assertEquals(1, Virtual.run(breaksOutOfTheBlock()));
    assertEquals(
        List.of(
            "enter a0 at 1.0",
            "exit a0 with null at 2.0",
            "enter a1 at 3.0",
            "exit a1 with null at 4.0"),
        log);
  }

  @Async
  Coroutine<String> failsInTheBlock(boolean swallow) {
    try (Logged a = new Logged("a", swallow)) {
      Await.of(sleep(1));
      if (!log.isEmpty()) {
        throw new IllegalStateException("boom");
      }
    } finally {
      log.add("finally");
    }
    return done("after the block");
  }

  @Async
  Coroutine<String> swallowed() {
    String value = Await.of(failsInTheBlock(true));
    log.add("went on after the block");
    return done(value);
  }

  /** The exit sees the exception; false lets it go on, true swallows it (__aexit__ returning True). */
  @Test
  void theExitSeesTheExceptionAndMaySwallowIt() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Virtual.run(failsInTheBlock(false)));
    assertEquals("boom", e.getMessage());
    assertEquals(
        List.of(
            "enter a at 1.0",
            "exit a with java.lang.IllegalStateException: boom at 3.0",
            "finally"),
        log);
    log.clear();
    assertEquals("after the block", Virtual.run(swallowed()));
    assertEquals(
        List.of(
            "enter a at 1.0",
            "exit a with java.lang.IllegalStateException: boom at 3.0",
            "finally",
            "went on after the block"),
        log);
  }

  @Async
  Coroutine<Void> taskGroupBlock() {
    Task<Integer> first;
    Task<Integer> second;
    try (TaskGroup tg = new TaskGroup()) {
      first = tg.createTask(sleep(2, 1));
      second = tg.createTask(sleep(1, 2));
      log.add("block done at " + getRunningLoop().time());
    }
    log.add(first.result() + second.result());
    log.add("group done at " + getRunningLoop().time());
    return done();
  }

  /** async with TaskGroup() as tg: the end of the block waits for every task of the group. */
  @Test
  void theEndOfATaskGroupBlockWaitsForItsTasks() {
    Virtual.run(taskGroupBlock());
    assertEquals(List.of("block done at 0.0", 3, "group done at 2.0"), log);
  }

  @Async
  Coroutine<Void> failingChild() {
    Await.of(sleep(1));
    throw new ArithmeticException("child");
  }

  @Async
  Coroutine<Void> taskGroupFailures(boolean blockFails) {
    try (TaskGroup tg = new TaskGroup()) {
      tg.createTask(failingChild());
      tg.createTask(sleep(5));
      if (blockFails) {
        throw new IllegalArgumentException("block");
      }
      Await.of(sleep(10));
      log.add("not reached: the failure cancels the block");
    }
    return done();
  }

  /** A failing child cancels the block and the others; every failure comes in one ExceptionGroup. */
  @Test
  void failuresOfATaskGroupBlockComeInOneExceptionGroup() {
    ExceptionGroup child =
        assertThrows(ExceptionGroup.class, () -> Virtual.run(taskGroupFailures(false)));
    assertEquals("[java.lang.ArithmeticException: child]", child.exceptions().toString());
    assertEquals(List.of(), log);
    ExceptionGroup block =
        assertThrows(ExceptionGroup.class, () -> Virtual.run(taskGroupFailures(true)));
    assertEquals(
        "[java.lang.IllegalArgumentException: block]", block.exceptions().toString());
  }

  @Async
  Coroutine<Void> timeoutBlock(double seconds) {
    try (Timeout deadline = timeout(seconds)) {
      Await.of(sleep(2));
      log.add("in time");
    } catch (TimeoutError e) {
      log.add("timed out at " + getRunningLoop().time());
    }
    log.add("cancelling " + currentTask().cancelling());
    return done();
  }

  /** async with asyncio.timeout(d): the block is cancelled at the deadline, as a TimeoutError. */
  @Test
  void aTimeoutBlockEndsAtItsDeadline() {
    Virtual.run(timeoutBlock(5));
    assertEquals(List.of("in time", "cancelling 0"), log);
    log.clear();
    Virtual.run(timeoutBlock(0.5));
    assertEquals(List.of("timed out at 0.5", "cancelling 0"), log);
  }

  /** Outside an @Async method no exit can be awaited: close() says so. */
  @Test
  void closingOutsideAnAsyncMethodSaysWhatToDo() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> new TaskGroup().close());
    assertEquals(true, e.getMessage().contains("must be in an @Async method"), e.getMessage());
  }
}
