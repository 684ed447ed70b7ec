package dev.asyncj.tests;

import static dev.asyncj.Asyncio.createTask;
import static dev.asyncj.Asyncio.done;
import static dev.asyncj.Asyncio.gather;
import static dev.asyncj.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.asyncj.Async;
import dev.asyncj.Await;
import dev.asyncj.Coroutine;
import dev.asyncj.EventLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order in which the loop runs tasks, on the virtual clock (asyncio's SLEEP and TASK cases). */
class SchedulingOrderTest {
  final List<String> log = new ArrayList<>();
  final EventLoop loop = EventLoop.withVirtualClock();

  @Async
  Coroutine<Void> worker(String name) {
    for (int i = 0; i < 3; i++) {
      log.add(name + i);
      Await.of(sleep(0));
    }
    return done();
  }

  @Async
  Coroutine<Void> twoWorkers() {
    Await.of(gather(worker("A"), worker("B")));
    return done();
  }

  /** SLEEP-01: sleep(0) yields exactly one loop turn. */
  @Test
  void sleepZeroLetsEveryOtherReadyTaskRunOnce() {
    loop.runUntilComplete(twoWorkers());
    assertEquals(List.of("A0", "B0", "A1", "B1", "A2", "B2"), log);
    assertEquals(0.0, loop.time());
  }
}
