package dev.asyncj;

import java.util.NoSuchElementException;

/**
 * Thrown by {@link Queue#getNowait()} when the queue is empty. Python: {@code asyncio.QueueEmpty}.
 * It extends {@link NoSuchElementException}, which {@code java.util.Queue.remove()} throws in the
 * same case.
 */
public class QueueEmpty extends NoSuchElementException {
  private static final long serialVersionUID = 1L;

  /** Creates the error; like Python's, it has no message. */
  public QueueEmpty() {}
}
