package dev.asyncj.demo;

import dev.asyncj.Coroutine;
import dev.asyncj.EventLoop;
import java.util.ArrayList;
import java.util.List;

/**
 * Time that passes without waiting, for the examples in tests: {@code asyncio.run} on a loop with
 * the virtual clock, and a {@code time.sleep} that only moves a counter.
 */
final class VirtualTime implements AsyncioRun, SyncDownload.Sleeper {
  /** The loop's {@code time()} at the end of each {@link #run}, in order. */
  final List<Double> runTimes = new ArrayList<>();

  /** Each {@link #sleep} requested, in seconds, in order. */
  final List<Double> sleeps = new ArrayList<>();

  private double now;

  /**
   * Like {@code Asyncio.run}, on a virtual clock that starts at 0. Unlike it, tasks still pending
   * when {@code main} ends are dropped rather than cancelled (the runtime's cancellation is not
   * public); no example prints anything when cancelled, so the output is the same.
   */
  @Override
  public <T> T run(Coroutine<T> main, boolean debug) {
    EventLoop loop = EventLoop.withVirtualClock();
    loop.setDebug(debug);
    try {
      return loop.runUntilComplete(main);
    } finally {
      runTimes.add(loop.time());
      loop.close(); // in debug mode, reports the coroutines never awaited, as Asyncio.run does
    }
  }

  @Override
  public void sleep(double seconds) {
    sleeps.add(seconds);
    now += seconds;
  }

  double time() {
    return now;
  }

  double totalSleep() {
    return sleeps.stream().mapToDouble(Double::doubleValue).sum();
  }

  Demo.Timing timing() {
    return new Demo.Timing(this, this, this::time);
  }
}
