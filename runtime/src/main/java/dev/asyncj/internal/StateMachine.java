package dev.asyncj.internal;

import dev.asyncj.Coroutine;

/**
 * The base class of the state machines the asyncj processor generates, one per {@code @Async}
 * method. Public because generated code in the user's packages extends it; not API.
 *
 * <p>How a generated state machine reads: {@link #resume()} is a {@code switch} on {@code state};
 * each {@code case} runs the part of the method between two awaits. An await is two lines,
 *
 * <pre>{@code
 * state = 2;                           // where to continue once the value is there
 * if (suspendOn(sleep(1))) {           // start waiting; true if the loop must resume us later
 *   return SUSPENDED;
 * }
 * // falls through into case 2 when sleep(1) finished at once
 * case 2:
 *   awaitedValue();                    // the awaited value, or its exception thrown here
 * }</pre>
 *
 * <p>and the locals that live across an await are fields, so they survive the {@code return}.
 *
 * @param <T> the type of the value the method returns
 */
public abstract class StateMachine<T> extends Coroutine<T> {
  /**
   * In a {@code leaveN} field: the try is being left by a {@code return}; once the finally has run,
   * return {@code pendingN}.
   */
  protected static final int RETURNING = -2;

  /**
   * In a {@code leaveN} field: the try is being left by an exception; once the finally has run,
   * throw {@code pendingN}.
   */
  protected static final int THROWING = -3;

  /** Creates the state machine of one call; its body has not started. */
  protected StateMachine() {}

  /**
   * Returns the value of the await that just finished, with the type javac gives the {@code
   * Await.of(...)} expression written in the lambda. The lambda is never run: it only carries the
   * type.
   */
  @SuppressWarnings("unchecked") // the value was produced by the awaitable the lambda types
  protected final <R> R awaitedValue(Witness<R> typeOnly) throws Throwable {
    return (R) awaitedValue();
  }

  /**
   * Returns {@code value}, kept in an {@code Object} field across an await, with the type javac gives
   * the expression written in the lambda (which is never run). The overloads below do the same for
   * primitive expressions.
   */
  @SuppressWarnings("unchecked") // the value was produced by the expression the lambda types
  protected static <R> R typed(Object value, Witness<R> typeOnly) {
    return (R) value;
  }

  /** {@link #typed(Object, Witness)} for a kept {@code boolean}. */
  protected static boolean typed(Object value, Witness.OfBoolean typeOnly) {
    return (Boolean) value;
  }

  /** {@link #typed(Object, Witness)} for a kept {@code byte}. */
  protected static byte typed(Object value, Witness.OfByte typeOnly) {
    return (Byte) value;
  }

  /** {@link #typed(Object, Witness)} for a kept {@code short}. */
  protected static short typed(Object value, Witness.OfShort typeOnly) {
    return (Short) value;
  }

  /** {@link #typed(Object, Witness)} for a kept {@code char}. */
  protected static char typed(Object value, Witness.OfChar typeOnly) {
    return (Character) value;
  }

  /** {@link #typed(Object, Witness)} for a kept {@code int}. */
  protected static int typed(Object value, Witness.OfInt typeOnly) {
    return (Integer) value;
  }

  /** {@link #typed(Object, Witness)} for a kept {@code long}. */
  protected static long typed(Object value, Witness.OfLong typeOnly) {
    return (Long) value;
  }

  /** {@link #typed(Object, Witness)} for a kept {@code float}. */
  protected static float typed(Object value, Witness.OfFloat typeOnly) {
    return (Float) value;
  }

  /** {@link #typed(Object, Witness)} for a kept {@code double}. */
  protected static double typed(Object value, Witness.OfDouble typeOnly) {
    return (Double) value;
  }

  /** The error for a {@code state} that no {@code case} handles: a bug in asyncj, never yours. */
  protected final IllegalStateException unknownState() {
    return new IllegalStateException(
        "asyncj bug: " + this + " has no state " + state + "; please report it");
  }
}
