package dev.asyncj;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The record of a future that failed and whose exception nobody has looked at yet: Python's {@code
 * Future.__log_traceback} flag with the report its {@code __del__} makes.
 *
 * <p>It refers to the future weakly, so that it can tell when the future is garbage-collected
 * unretrieved (the loop polls its reference queue between turns, only while there are records),
 * and it is linked into its loop's list so that the loop can report the rest, deterministically,
 * when it closes. The future keeps its record in its (then unused) callbacks slot and drops it as
 * soon as its exception is retrieved.
 */
final class Unretrieved extends WeakReference<Future<?>> {
  final Throwable exception;
  /** {@code "Task"} or {@code "Future"}, for the message. */
  private final String kind;
  /** The future's repr when it failed, for a report made after it was collected. */
  private final String description;
  /** Where the task was created, in debug mode; else null. */
  private final StackTraceElement[] createdAt;

  Unretrieved previous;
  Unretrieved next;

  Unretrieved(
      Future<?> future,
      Throwable exception,
      StackTraceElement[] createdAt,
      ReferenceQueue<? super Future<?>> queue) {
    super(future, queue);
    this.exception = exception;
    this.kind = future instanceof Task<?> ? "Task" : "Future";
    this.description = future.toString();
    this.createdAt = createdAt;
  }

  /**
   * The context for the loop's exception handler, as Python's {@code __del__} builds it: {@code
   * message}, {@code exception}, {@code future} (the future itself while it is alive, else its
   * repr from the moment it failed), and {@code source_traceback} in debug mode.
   */
  Map<String, Object> context() {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("message", kind + " exception was never retrieved");
    context.put("exception", exception);
    Future<?> future = get();
    context.put("future", future != null ? future : description);
    if (createdAt != null) {
      context.put("source_traceback", createdAt);
    }
    return context;
  }
}
