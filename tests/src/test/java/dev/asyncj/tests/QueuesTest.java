package dev.asyncj.tests;

import static dev.asyncj.Asyncio.createTask;
import static dev.asyncj.Asyncio.done;
import static dev.asyncj.Asyncio.gather;
import static dev.asyncj.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.asyncj.Async;
import dev.asyncj.Await;
import dev.asyncj.CancelledError;
import dev.asyncj.Coroutine;
import dev.asyncj.LifoQueue;
import dev.asyncj.PriorityQueue;
import dev.asyncj.Queue;
import dev.asyncj.QueueEmpty;
import dev.asyncj.QueueFull;
import dev.asyncj.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/**
 * {@link Queue}, {@link LifoQueue} and {@link PriorityQueue}: order, back-pressure, join and
 * taskDone, the nowait errors, FIFO service of blocked getters. Ports of the catalogue's QUEUE
 * cases and of CPython's test_queues.py.
 */
class QueuesTest {
  final List<Object> log = new ArrayList<>();
  final Queue<Integer> q2 = new Queue<>(2);
  final Queue<Integer> q = new Queue<>();

  /** QUEUE-01: FIFO, LIFO and priority order. */
  @Test
  void queuesGiveItemsInTheirOrder() {
    List<List<Integer>> out = new ArrayList<>();
    for (Queue<Integer> queue : List.of(new Queue<Integer>(), new LifoQueue<Integer>(), new PriorityQueue<Integer>())) {
      for (int x : new int[] {2, 0, 3, 1}) {
        queue.putNowait(x);
      }
      List<Integer> got = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        got.add(queue.getNowait());
      }
      out.add(got);
    }
    assertEquals(List.of(List.of(2, 0, 3, 1), List.of(1, 3, 0, 2), List.of(0, 1, 2, 3)), out);
  }

  @Async
  Coroutine<Void> producer() {
    for (int i = 0; i < 4; i++) {
      Await.of(q2.put(i));
      log.add("put " + i);
    }
    return done();
  }

  @Async
  Coroutine<Void> backPressure() {
    Task<Void> t = createTask(producer());
    Await.of(sleep(0.01));
    log.add("qsize=" + q2.qsize() + " full=" + q2.full());
    for (int i = 0; i < 4; i++) {
      log.add("get " + Await.of(q2.get()));
      Await.of(sleep(0));
    }
    Await.of(t);
    return done();
  }

  /** QUEUE-02: put waits while the queue is full and goes on after a get. */
  @Test
  void putWaitsWhileTheQueueIsFull() {
    Virtual.run(backPressure());
    assertEquals(
        List.of("put 0", "put 1", "qsize=2 full=true", "get 0", "put 2", "get 1", "put 3", "get 2",
            "get 3"),
        log);
  }

  /**
   * QUEUE-03: getNowait on empty raises QueueEmpty (a NoSuchElementException, no message);
   * putNowait on full raises QueueFull (an IllegalStateException); maxsize 0 is unbounded.
   */
  @Test
  void theNowaitMethodsRaiseQueueEmptyAndQueueFull() {
    Queue<Integer> one = new Queue<>(1);
    QueueEmpty empty = assertThrows(QueueEmpty.class, one::getNowait);
    assertNull(empty.getMessage());
    assertEquals(NoSuchElementException.class, QueueEmpty.class.getSuperclass());
    one.putNowait(1);
    assertThrows(QueueFull.class, () -> one.putNowait(2));
    assertEquals(IllegalStateException.class, QueueFull.class.getSuperclass());
    Queue<Integer> unbounded = new Queue<>(0);
    for (int i = 0; i < 1000; i++) {
      unbounded.putNowait(i);
    }
    assertEquals(List.of(false, 1000), List.of(unbounded.full(), unbounded.qsize()));
  }

  @Async
  Coroutine<Void> worker() {
    while (true) {
      int item = Await.of(q.get());
      Await.of(sleep(0.01));
      log.add("done " + item);
      q.taskDone();
    }
  }

  @Async
  Coroutine<Void> joining() {
    Await.of(q.join());
    log.add("join on empty returns at once");
    for (int i = 0; i < 3; i++) {
      q.putNowait(i);
    }
    Task<Void> w = createTask(worker());
    Await.of(q.join());
    log.add("join returned");
    w.cancel();
    try {
      q.taskDone();
    } catch (IllegalArgumentException e) {
      log.add("IllegalArgumentException: " + e.getMessage());
    }
    return done();
  }

  /**
   * QUEUE-04: join() returns once taskDone() was called for every item; one call too many fails
   * (Python's ValueError: IllegalArgumentException).
   */
  @Test
  void joinWaitsForEveryTaskDone() {
    Virtual.run(joining());
    assertEquals(
        List.of("join on empty returns at once", "done 0", "done 1", "done 2", "join returned",
            "IllegalArgumentException: task_done() called too many times"),
        log);
  }

  @Async
  Coroutine<Void> getter(String name) {
    int item = Await.of(q.get());
    log.add(name + " " + item);
    return done();
  }

  @Async
  Coroutine<Void> fifoGetters() {
    List<Task<Void>> ts = List.of(createTask(getter("g1")), createTask(getter("g2")), createTask(getter("g3")));
    Await.of(sleep(0));
    for (int x : new int[] {10, 20, 30}) {
      q.putNowait(x);
    }
    Await.of(gather(ts));
    return done();
  }

  /** QUEUE-05: blocked getters are served first in, first out. */
  @Test
  void blockedGettersAreServedInOrder() {
    Virtual.run(fifoGetters());
    assertEquals(List.of("g1 10", "g2 20", "g3 30"), log);
  }

  @Async
  Coroutine<Void> cancelledGetter() {
    Task<Void> g1 = createTask(getter("g1"));
    Task<Void> g2 = createTask(getter("g2"));
    Await.of(sleep(0));
    q.putNowait(1); // wakes g1...
    g1.cancel(); // ...which is cancelled before it takes the item: g2 gets it
    Await.of(sleep(0.01));
    log.add(g1.cancelled());
    log.add(g2.done());
    log.add(q.qsize());
    return done();
  }

  /** test_queues.py test_cancelled_getters_not_being_held_in_self_getters family: no item lost. */
  @Test
  void aWokenGetterThatIsCancelledLeavesTheItemToTheNext() {
    Virtual.run(cancelledGetter());
    assertEquals(List.of("g2 1", true, true, 0), log);
  }

  @Async
  Coroutine<Void> putter(int item) {
    Await.of(q2.put(item));
    return done();
  }

  @Async
  Coroutine<Void> cancelledPutter() {
    q2.putNowait(1);
    q2.putNowait(2);
    Task<Void> p = createTask(putter(3));
    Await.of(sleep(0));
    log.add(q2.toString());
    p.cancel();
    try {
      Await.of(p);
    } catch (CancelledError e) {
      log.add("putter cancelled");
    }
    log.add(q2.qsize());
    return done();
  }

  /** test_queues.py test_cancelled_puts_not_being_held_in_self_putters: a cancelled put is gone. */
  @Test
  void aCancelledPutPutsNothing() {
    Virtual.run(cancelledPutter());
    assertEquals(List.of("<Queue maxsize=2 _queue=[1, 2] _putters[1] tasks=2>", "putter cancelled", 2), log);
  }

  @Async
  Coroutine<Void> nulls() {
    Queue<String> strings = new Queue<>();
    Await.of(strings.put("a"));
    Await.of(strings.put(null));
    log.add(Await.of(strings.get()));
    log.add(Await.of(strings.get()));
    return done();
  }

  /** Python's None as an item, a common end marker: null goes through. */
  @Test
  void nullIsAnItemLikeNone() {
    Virtual.run(nulls());
    assertEquals(java.util.Arrays.asList("a", null), log);
  }

  record Job(int priority, String name) {}

  /** PriorityQueue with a comparator: Python's (priority, data) tuples. */
  @Test
  void aPriorityQueueTakesAComparator() {
    PriorityQueue<Job> jobs = new PriorityQueue<>(0, Comparator.comparingInt(Job::priority));
    jobs.putNowait(new Job(3, "low"));
    jobs.putNowait(new Job(1, "high"));
    jobs.putNowait(new Job(2, "mid"));
    assertEquals("high", jobs.getNowait().name());
    assertEquals("mid", jobs.getNowait().name());
    assertThrows(NullPointerException.class, () -> jobs.putNowait(null));
  }
}
