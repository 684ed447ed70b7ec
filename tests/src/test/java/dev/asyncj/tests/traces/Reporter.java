package dev.asyncj.tests.traces;

import static dev.asyncj.Asyncio.currentTask;
import static dev.asyncj.Asyncio.done;
import static dev.asyncj.Asyncio.sleep;

import dev.asyncj.Async;
import dev.asyncj.Await;
import dev.asyncj.Coroutine;
import java.util.List;

/** A program for the Task.getStack() tests: a task that asks where it is, two awaits deep. */
class Reporter {
  @Async
  static Coroutine<List<StackTraceElement>> report() {
    Await.of(sleep(1));
    return done(currentTask().getStack()); // asks here
  }

  @Async
  static Coroutine<List<StackTraceElement>> outer() {
    List<StackTraceElement> stack = Await.of(report()); // awaits report
    return done(stack);
  }
}
