package dev.asyncj.bench.vt;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The virtual-thread side of scenarios 1 and 2, on JDK 25 (compiled by bench/run.py with JDK 25's
 * javac, {@code --release 25}). With virtual threads an "async" method is an ordinary method, so
 * awaiting one that never suspends is a plain call; a switch is one thread parking and the other
 * being unparked.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = "-Xmx4g")
public class VtBench {
  static final int CALLS = 10_000_000;
  static final int SWITCHES = 1_000_000;

  int calls = CALLS;
  int switches = SWITCHES;

  static int one() {
    return 1;
  }

  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  static int oneNotInlined() {
    return 1;
  }

  /** Scenario 1 (2a): {@code sum += one()}; C2 inlines it and folds the loop. */
  @Benchmark
  @OperationsPerInvocation(CALLS)
  public long plainCall() {
    long sum = 0;
    for (int i = 0; i < calls; i++) {
      sum += one();
    }
    return sum;
  }

  /** Scenario 1 (2a, dontinline): the cost of a real call. */
  @Benchmark
  @OperationsPerInvocation(CALLS)
  public long plainCallNotInlined() {
    long sum = 0;
    for (int i = 0; i < calls; i++) {
      sum += oneNotInlined();
    }
    return sum;
  }

  /** Scenario 2 (2b): two virtual threads hand a turn back and forth with park/unpark. */
  @Benchmark
  @OperationsPerInvocation(SWITCHES)
  public void parkUnpark() throws InterruptedException {
    ParkPingPong.run(switches);
  }

  /** Scenario 2 (2b): the same on one carrier thread, as a single-threaded loop is. */
  @Benchmark
  @OperationsPerInvocation(SWITCHES)
  @Fork(jvmArgsAppend = {"-Xmx4g", "-Djdk.virtualThreadScheduler.parallelism=1"})
  public void parkUnparkOneCarrier() throws InterruptedException {
    ParkPingPong.run(switches);
  }

  /** Scenario 2 (2b): through two SynchronousQueues (spins on both cores). */
  @Benchmark
  @OperationsPerInvocation(SWITCHES)
  public void synchronousQueue() throws InterruptedException {
    var there = new SynchronousQueue<Integer>();
    var back = new SynchronousQueue<Integer>();
    int roundTrips = switches / 2;
    Thread a = Thread.ofVirtual().start(() -> {
      try {
        for (int i = 0; i < roundTrips; i++) {
          there.put(i);
          back.take();
        }
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread b = Thread.ofVirtual().start(() -> {
      try {
        for (int i = 0; i < roundTrips; i++) {
          back.put(there.take());
        }
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    a.join();
    b.join();
  }

  /** Two virtual threads taking turns: each waits (parks) for its turn, then unparks the other. */
  static final class ParkPingPong {
    private volatile int turn;
    private final Thread[] players = new Thread[2];

    static void run(int handOffs) throws InterruptedException {
      var game = new ParkPingPong();
      int rounds = handOffs / 2;
      for (int me = 0; me < 2; me++) {
        int player = me;
        game.players[me] = Thread.ofVirtual().unstarted(() -> game.play(player, rounds));
      }
      game.players[0].start();
      game.players[1].start();
      game.players[0].join();
      game.players[1].join();
    }

    private void play(int me, int rounds) {
      Thread other = players[1 - me];
      for (int i = 0; i < rounds; i++) {
        while (turn != me) {
          LockSupport.park(this);
        }
        turn = 1 - me;
        LockSupport.unpark(other);
      }
    }
  }
}
