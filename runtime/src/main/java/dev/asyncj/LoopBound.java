package dev.asyncj;

/**
 * The loop a synchronization primitive or queue is bound to: the one running when it is first used
 * in a way that needs one. Python: {@code mixins._LoopBoundMixin}.
 */
abstract class LoopBound {
  private EventLoop loop;

  LoopBound() {}

  /** Binds to {@code running} on first use; refuses another loop afterwards. */
  final EventLoop bind(EventLoop running) {
    if (loop == null) {
      loop = running;
    } else if (loop != running) {
      throw new IllegalStateException(this + " is bound to a different event loop");
    }
    return running;
  }
}
