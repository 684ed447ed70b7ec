package dev.asyncj;

/**
 * The time source of an event loop, in nanoseconds from the loop's creation: the real monotonic
 * clock, or a virtual one that only moves when the loop, having nothing to run, jumps to its next
 * timer (as asyncio's test loop and Trio's autojumping clock do).
 */
abstract class Clock {
  abstract long nanoTime();

  abstract boolean isVirtual();

  /** Moves a virtual clock forward; a real clock cannot be moved. */
  void advance(long nanos) {
    throw new UnsupportedOperationException("the real clock cannot be moved");
  }

  static Clock real() {
    return new Real();
  }

  static Clock virtual() {
    return new Virtual();
  }

  private static final class Real extends Clock {
    private final long origin = System.nanoTime();

    @Override
    long nanoTime() {
      return System.nanoTime() - origin;
    }

    @Override
    boolean isVirtual() {
      return false;
    }
  }

  private static final class Virtual extends Clock {
    private long now;

    @Override
    long nanoTime() {
      return now;
    }

    @Override
    boolean isVirtual() {
      return true;
    }

    @Override
    void advance(long nanos) {
      now += nanos;
    }
  }
}
