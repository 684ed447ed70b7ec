package dev.asyncj;

/**
 * When {@link Asyncio#wait Asyncio.wait} returns. Python: the {@code return_when} constants, also
 * available as {@link Asyncio#FIRST_COMPLETED}, {@link Asyncio#FIRST_EXCEPTION} and {@link
 * Asyncio#ALL_COMPLETED}.
 */
public enum ReturnWhen {
  /** As soon as any future is done (or cancelled). Python: {@code asyncio.FIRST_COMPLETED}. */
  FIRST_COMPLETED,
  /**
   * As soon as any future fails with an exception; if none does, when all are done. Python: {@code
   * asyncio.FIRST_EXCEPTION}.
   */
  FIRST_EXCEPTION,
  /** When every future is done. Python: {@code asyncio.ALL_COMPLETED}. */
  ALL_COMPLETED
}
