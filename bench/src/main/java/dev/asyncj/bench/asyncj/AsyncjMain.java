package dev.asyncj.bench.asyncj;

import dev.asyncj.Asyncio;
import dev.asyncj.bench.Report;

/**
 * The whole-process benchmarks of asyncj: {@code sleepers N SECONDS}, {@code sleepers-live N},
 * {@code fanout N ROUNDS}, {@code tutorial}. Each prints one {@code RESULT} line.
 */
public final class AsyncjMain {
  private AsyncjMain() {}

  public static void main(String[] args) {
    switch (args[0]) {
      case "sleepers":
        Asyncio.run(AsyncjCode.sleepersRun(Integer.parseInt(args[1]), Double.parseDouble(args[2])));
        break;
      case "sleepers-live":
        Asyncio.run(AsyncjCode.sleepersLive(Integer.parseInt(args[1])));
        break;
      case "fanout":
        Asyncio.run(AsyncjCode.fanOut(Integer.parseInt(args[1]), Integer.parseInt(args[2])));
        break;
      case "tutorial":
        long t0 = System.nanoTime();
        Asyncio.run(AsyncjCode.tutorial());
        Report.create().seconds("run_wall", System.nanoTime() - t0).print();
        break;
      default:
        throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }
}
