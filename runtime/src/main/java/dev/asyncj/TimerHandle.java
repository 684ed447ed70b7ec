package dev.asyncj;

/**
 * A callback scheduled for a time on the loop's clock by {@link EventLoop#callLater} or {@link
 * EventLoop#callAt}. Python: {@code asyncio.TimerHandle}.
 */
public final class TimerHandle extends Handle {
  private final double when;
  private final EventLoop loop;
  /** Whether the handle is still in the loop's timer heap. */
  boolean scheduled = true;

  TimerHandle(Runnable callback, double when, EventLoop loop) {
    super(callback);
    this.when = when;
    this.loop = loop;
  }

  /** When the callback is due, in seconds on the loop's clock ({@link EventLoop#time()}). */
  public double when() {
    return when;
  }

  /** Stops the callback from running, if it has not run yet. Python: {@code cancel()}. */
  @Override
  public void cancel() {
    if (!cancelled()) {
      super.cancel();
      if (scheduled) {
        loop.timerCancelled();
      }
    }
  }

  @Override
  public String toString() {
    return "<TimerHandle " + (cancelled() ? "cancelled " : "") + "when=" + when + " "
        + callbackText() + creationText() + ">";
  }
}
