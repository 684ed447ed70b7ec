package dev.asyncj;

/**
 * Thrown by {@link Queue#putNowait} when the queue has {@code maxsize} items. Python: {@code
 * asyncio.QueueFull}. It extends {@link IllegalStateException}, which {@code java.util.Queue.add}
 * throws when a bounded queue is full.
 */
public class QueueFull extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** Creates the error; like Python's, it has no message. */
  public QueueFull() {}
}
