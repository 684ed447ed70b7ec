package dev.asyncj.bench.micro;

import dev.asyncj.Asyncio;
import dev.asyncj.bench.asyncj.AsyncjCode;
import dev.asyncj.bench.cf.CfCode;
import dev.asyncj.bench.ea.EaCode;
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
 * Scenario 1, the await fast path: awaiting something that completes without suspending, 10 million
 * times per invocation; the score is per await. Run with {@code -prof gc}: {@code
 * gc.alloc.rate.norm} is then the bytes allocated per await.
 *
 * <p>Each contender comes twice. As written, the JIT sees one callee at the await and inlines it,
 * and escape analysis may remove what it allocates: the best case. The {@code NotInlined} variants
 * forbid inlining the awaited method's body (HotSpot's {@code CompileCommand=dontinline}), as
 * happens in a real program where the await site meets many coroutine classes: that is the cost a
 * program pays, allocation of the awaited coroutine or future included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = "-Xmx4g")
public class FastPathBench {
  static final int AWAITS = 10_000_000;

  /** Not a constant, so the loops cannot be specialised to it. */
  int awaits = AWAITS;

  /** asyncj: {@code sum += Await.of(one())} in an {@code @Async} loop, {@code one()} returning done(1). */
  @Benchmark
  @OperationsPerInvocation(AWAITS)
  public long asyncj() {
    return Asyncio.run(AsyncjCode.awaitLoop(awaits));
  }

  /**
   * {@link #asyncj()} with the awaited coroutine's {@code resume()} not inlined (the pattern names
   * every state machine generated from AsyncjCode, whatever the processor's naming scheme).
   */
  @Benchmark
  @OperationsPerInvocation(AWAITS)
  @Fork(jvmArgsAppend = {"-Xmx4g", "-XX:CompileCommand=quiet",
      "-XX:CompileCommand=dontinline,dev.asyncj.bench.asyncj.AsyncjCode*::resume"})
  public long asyncjNotInlined() {
    return Asyncio.run(AsyncjCode.awaitLoop(awaits));
  }

  /** CompletableFuture (baselines 3a): {@code f = f.thenCompose(x -> one())} on completed futures. */
  @Benchmark
  @OperationsPerInvocation(AWAITS)
  public int completableFuture() {
    return CfCode.thenComposeLoop(awaits);
  }

  /** {@link #completableFuture()} with {@code one()} not inlined. */
  @Benchmark
  @OperationsPerInvocation(AWAITS)
  @Fork(jvmArgsAppend = {"-Xmx4g", "-XX:CompileCommand=quiet",
      "-XX:CompileCommand=dontinline,dev.asyncj.bench.cf.CfCode::one"})
  public int completableFutureNotInlined() {
    return CfCode.thenComposeLoop(awaits);
  }

  /** EA Async: {@code sum += await(one())}, {@code one()} returning a completed future. */
  @Benchmark
  @OperationsPerInvocation(AWAITS)
  public long eaAsync() {
    return EaCode.awaitLoop(awaits).join();
  }

  /** {@link #eaAsync()} with {@code one()} not inlined. */
  @Benchmark
  @OperationsPerInvocation(AWAITS)
  @Fork(jvmArgsAppend = {"-Xmx4g", "-XX:CompileCommand=quiet",
      "-XX:CompileCommand=dontinline,dev.asyncj.bench.ea.EaCode::one"})
  public long eaAsyncNotInlined() {
    return EaCode.awaitLoop(awaits).join();
  }
}
