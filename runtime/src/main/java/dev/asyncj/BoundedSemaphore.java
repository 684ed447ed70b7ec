package dev.asyncj;

/**
 * A {@link Semaphore} that refuses to be released more times than it was acquired. Python: {@code
 * asyncio.BoundedSemaphore}.
 */
public class BoundedSemaphore extends Semaphore {
  private final int boundValue;

  /** A bounded semaphore with one permit. Python: {@code asyncio.BoundedSemaphore()}. */
  public BoundedSemaphore() {
    this(1);
  }

  /** A bounded semaphore with {@code value} permits. */
  public BoundedSemaphore(int value) {
    super(value);
    this.boundValue = value;
  }

  /**
   * Gives a permit back.
   *
   * @throws IllegalArgumentException if that would make more permits than the initial value
   *     (Python: {@code ValueError: BoundedSemaphore released too many times})
   */
  @Override
  public void release() {
    if (value >= boundValue) {
      throw new IllegalArgumentException("BoundedSemaphore released too many times");
    }
    super.release();
  }
}
