package dev.asyncj;

import java.util.function.Supplier;

/**
 * A coroutine that makes its awaitable when it starts and waits for it: the asyncio functions that
 * are coroutines in Python ({@code to_thread}, {@code shutdown_default_executor}) and are built on
 * futures here. Like Python's, nothing happens until it is awaited.
 *
 * @param <T> the type of the value
 */
final class Lazy<T> extends Procedure<T> {
  private final Supplier<? extends Awaitable<? extends T>> start;

  Lazy(String name, Supplier<? extends Awaitable<? extends T>> start) {
    super(name);
    this.start = start;
  }

  @Override
  Object step(Object value, Throwable error) throws Throwable {
    if (state == 0) {
      state = 1;
      return await(start.get());
    }
    if (error != null) {
      throw error;
    }
    return value;
  }
}
