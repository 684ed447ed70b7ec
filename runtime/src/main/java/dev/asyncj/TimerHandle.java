package dev.asyncj;

/**
 * A callback scheduled for a time on the loop's clock by {@link EventLoop#callLater} or {@link
 * EventLoop#callAt}. Python: {@code asyncio.TimerHandle}.
 */
public final class TimerHandle extends Handle {
  private final double when;

  TimerHandle(Runnable callback, double when) {
    super(callback);
    this.when = when;
  }

  /** When the callback is due, in seconds on the loop's clock ({@link EventLoop#time()}). */
  public double when() {
    return when;
  }
}
