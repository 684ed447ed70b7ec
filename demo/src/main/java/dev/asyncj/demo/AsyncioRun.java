package dev.asyncj.demo;

import dev.asyncj.Asyncio;
import dev.asyncj.Coroutine;

/**
 * How an example runs its main coroutine. Python: {@code asyncio.run(main(), debug=...)}.
 *
 * <p>The demo passes {@link Asyncio#run(Coroutine, boolean) Asyncio::run}; tests pass a loop on the
 * virtual clock, so that the examples' {@code sleep(5)} costs them no real time.
 */
@FunctionalInterface
interface AsyncioRun {
  /** The real thing: {@code Asyncio.run(main, debug)}. */
  AsyncioRun REAL = Asyncio::run;

  /** Runs {@code main} on a new event loop until it finishes; returns its value or throws. */
  <T> T run(Coroutine<T> main, boolean debug);
}
