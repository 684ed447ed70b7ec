package dev.asyncj.tests;

import static dev.asyncj.Asyncio.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.asyncj.*;
import dev.asyncj.Future;
import dev.asyncj.PriorityQueue;
import dev.asyncj.Queue;
import dev.asyncj.Semaphore;
import java.util.*;
import java.util.concurrent.*;
import org.junit.jupiter.api.Test;

/**
 * asyncio's {@code Queue}, {@code PriorityQueue}, {@code Future} and {@code Semaphore} share their
 * simple names with types of {@code java.util} and {@code java.util.concurrent}. With on-demand
 * imports of both packages, a single-type import of asyncj's says which one the simple name means
 * (a single-type import shadows on-demand ones, JLS 6.4.1), as the README shows; the JDK's type is
 * then written qualified. This file imports the way a user would, and the state machines the
 * processor generates from it must compile and behave the same, locals of both kinds kept across
 * awaits.
 */
class SharedNamesTest {
  final List<Object> log = new ArrayList<>();

  @Async
  Coroutine<Void> worker(String name, Queue<Integer> queue, Semaphore permits) {
    try (permits) {
      int item = Await.of(queue.get());
      log.add(name + " got " + item);
      Await.of(sleep(0.1));
      queue.taskDone();
    }
    return done();
  }

  @Async
  Coroutine<List<Object>> mixesBoth() {
    Queue<Integer> queue = new Queue<>();
    PriorityQueue<Integer> urgent = new PriorityQueue<>();
    java.util.PriorityQueue<Integer> plain = new java.util.PriorityQueue<>(List.of(3, 1, 2));
    Semaphore permits = new Semaphore(1);
    java.util.concurrent.Semaphore threadPermits = new java.util.concurrent.Semaphore(2);
    for (int i = 0; i < 2; i++) {
      queue.putNowait(i);
    }
    urgent.putNowait(2);
    urgent.putNowait(1);
    Future<String> answer = getRunningLoop().createFuture();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      java.util.concurrent.Future<Integer> fromPool = pool.submit(() -> 40);
      getRunningLoop().callLater(0.5, () -> answer.setResult("ready"));
      Await.of(gather(worker("a", queue, permits), worker("b", queue, permits)));
      Await.of(queue.join());
      log.add(Await.of(answer));
      log.add(Await.of(fromPool) + 2);
    } finally {
      pool.shutdown();
    }
    log.add(Await.of(urgent.get()));
    log.add(plain.poll());
    log.add(threadPermits.availablePermits());
    log.add(getRunningLoop().time());
    return done(log);
  }

  /**
   * Both kinds side by side: the semaphore lets one worker at a time take from the queue (so the
   * second starts at 0.1 and both are done at 0.2), the asyncio future is set at 0.5, and the JDK's
   * future, priority queue and semaphore work as the JDK's.
   */
  @Test
  void asyncioTypesImportedBySingleNameWorkBesideTheJdksOnDemandImports() {
    assertEquals(List.of("a got 0", "b got 1", "ready", 42, 1, 1, 2, 0.5), Virtual.run(mixesBoth()));
  }
}
