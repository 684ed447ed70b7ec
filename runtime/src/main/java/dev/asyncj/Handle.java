package dev.asyncj;

/**
 * A callback scheduled on an event loop by {@link EventLoop#callSoon} and friends; it can be
 * cancelled until it runs. Python: {@code asyncio.Handle}.
 */
public class Handle {
  private final Runnable callback;
  private boolean cancelled;

  Handle(Runnable callback) {
    if (callback == null) {
      throw new NullPointerException("a callback to schedule is required");
    }
    this.callback = callback;
  }

  /** Stops the callback from running, if it has not run yet. Python: {@code cancel()}. */
  public void cancel() {
    cancelled = true;
  }

  /** Whether {@link #cancel()} was called. Python: {@code cancelled()}. */
  public boolean cancelled() {
    return cancelled;
  }

  /** Runs the callback unless cancelled; called by the loop. */
  void run() {
    if (!cancelled) {
      callback.run();
    }
  }

  /** The callback, as the message {@code Exception in callback ...} names it. */
  String callbackText() {
    return callback.toString();
  }

  /** Reads like Python's repr: {@code <Handle Demo$$Lambda/0x...>}, or with {@code cancelled}. */
  @Override
  public String toString() {
    return "<" + getClass().getSimpleName() + (cancelled ? " cancelled " : " ") + callback + ">";
  }
}
