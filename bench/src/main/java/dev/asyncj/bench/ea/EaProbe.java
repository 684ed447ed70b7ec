package dev.asyncj.bench.ea;

import static com.ea.async.Async.await;

import com.ea.async.Async;
import java.util.concurrent.CompletableFuture;

/**
 * Whether EA Async works on the class files it is given: awaits a future that is not done yet.
 * Instrumented, {@code plusOne} returns at once and finishes when the future is completed; not
 * instrumented, EA Async's fallback {@code await} blocks in {@code join()} and the program hangs
 * (bench/run.py runs it with a timeout). With the argument {@code init}, it first calls {@code
 * Async.init()} (EA Async's self-attaching agent), before {@link Body} is loaded. bench/run.py also
 * compiles this file as Java 17 class files and runs it with EA Async's agent or init, to show
 * whether EA Async can read them.
 */
public final class EaProbe {
  private EaProbe() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("init")) {
      Async.init();
    }
    Body.run();
  }

  /** Loaded only after {@code Async.init()}. */
  static final class Body {
    private Body() {}

    static CompletableFuture<Integer> plusOne(CompletableFuture<Integer> f) {
      int v = await(f);
      return CompletableFuture.completedFuture(v + 1);
    }

    static void run() {
      CompletableFuture<Integer> f = new CompletableFuture<>();
      CompletableFuture<Integer> r = plusOne(f);
      boolean suspended = !r.isDone();
      f.complete(41);
      System.out.println("EA_PROBE suspended=" + suspended + " result=" + r.join());
    }
  }
}
