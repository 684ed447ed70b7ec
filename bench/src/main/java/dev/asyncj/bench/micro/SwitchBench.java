package dev.asyncj.bench.micro;

import dev.asyncj.Asyncio;
import dev.asyncj.bench.asyncj.AsyncjCode;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario 2, the switch: two coroutines handing control back and forth through the loop, one
 * million switches (one suspend + one resume) per invocation; the score is per switch. Three
 * shapes, as bench/python/switch.py's modes: {@code sleep(0)}, and n/2 round trips through two
 * unbounded {@link dev.asyncj.Queue}s or two {@link dev.asyncj.Event}s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = "-Xmx4g")
public class SwitchBench {
  static final int SWITCHES = 1_000_000;

  int switches = SWITCHES;

  /** asyncj: two tasks, each {@code Await.of(sleep(0))} n/2 times, gathered. */
  @Benchmark
  @OperationsPerInvocation(SWITCHES)
  public int asyncjSleep0() {
    return Asyncio.run(AsyncjCode.pingPong(switches));
  }

  /** asyncj: a pinger and a ponger, n/2 round trips through two unbounded queues, gathered. */
  @Benchmark
  @OperationsPerInvocation(SWITCHES)
  public int asyncjQueue() {
    return Asyncio.run(AsyncjCode.queuePingPong(switches));
  }

  /** asyncj: a pinger and a ponger, n/2 round trips through two events (set, await, clear). */
  @Benchmark
  @OperationsPerInvocation(SWITCHES)
  public int asyncjEvent() {
    return Asyncio.run(AsyncjCode.eventPingPong(switches));
  }
}
