package dev.asyncj;

/**
 * A callback scheduled on an event loop by {@link EventLoop#callSoon} and friends; it can be
 * cancelled until it runs. Python: {@code asyncio.Handle}.
 */
public class Handle {
  private final Runnable callback;
  private boolean cancelled;
  /** In debug mode, where the callback was scheduled (Python: {@code _source_traceback}); or null. */
  private StackTraceElement createdAt;

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

  /** Records, in debug mode, the caller of {@code api} as where the callback was scheduled. */
  final void recordCreation(Class<?> api) {
    createdAt = DebugMode.callerOf(api);
  }

  /** {@code " created at Class.method(File.java:12)"} in debug mode, as Python's repr adds; or "". */
  final String creationText() {
    StackTraceElement at = createdAt;
    return at == null
        ? ""
        : " created at " + at.getClassName() + "." + at.getMethodName() + "(" + at.getFileName()
            + ":" + at.getLineNumber() + ")";
  }

  /** The callback, as the message {@code Exception in callback ...} names it. */
  String callbackText() {
    return callback.toString();
  }

  /**
   * Reads like Python's repr: {@code <Handle Demo$$Lambda/0x...>}, or with {@code cancelled}; in
   * debug mode followed by where it was scheduled, {@code created at Demo.main(Demo.java:12)}.
   */
  @Override
  public String toString() {
    return "<" + getClass().getSimpleName() + (cancelled ? " cancelled " : " ") + callback
        + creationText() + ">";
  }
}
