package dev.asyncj.internal;

import dev.asyncj.Coroutine;
import java.util.Iterator;

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

  // The numeric overloads convert as Java does where a kept value meets the type of a larger
  // expression: the branches of b ? 1 : 2L, or the arms of a switch expression, are promoted.

  /** {@link #typed(Object, Witness)} for a kept {@code byte}. */
  protected static byte typed(Object value, Witness.OfByte typeOnly) {
    return value instanceof Character c ? (byte) c.charValue() : ((Number) value).byteValue();
  }

  /** {@link #typed(Object, Witness)} for a kept {@code short}. */
  protected static short typed(Object value, Witness.OfShort typeOnly) {
    return value instanceof Character c ? (short) c.charValue() : ((Number) value).shortValue();
  }

  /** {@link #typed(Object, Witness)} for a kept {@code char}. */
  protected static char typed(Object value, Witness.OfChar typeOnly) {
    return value instanceof Character c ? c : (char) ((Number) value).intValue();
  }

  /** {@link #typed(Object, Witness)} for a kept {@code int}. */
  protected static int typed(Object value, Witness.OfInt typeOnly) {
    return value instanceof Character c ? c : ((Number) value).intValue();
  }

  /** {@link #typed(Object, Witness)} for a kept {@code long}. */
  protected static long typed(Object value, Witness.OfLong typeOnly) {
    return value instanceof Character c ? c : ((Number) value).longValue();
  }

  /** {@link #typed(Object, Witness)} for a kept {@code float}. */
  protected static float typed(Object value, Witness.OfFloat typeOnly) {
    return value instanceof Character c ? c : ((Number) value).floatValue();
  }

  /** {@link #typed(Object, Witness)} for a kept {@code double}. */
  protected static double typed(Object value, Witness.OfDouble typeOnly) {
    return value instanceof Character c ? c : ((Number) value).doubleValue();
  }

  /**
   * Runs {@code body} now and returns its value: lets generated code do two steps where Java has
   * one expression (a compound assignment whose old value was kept across an await). The overloads
   * keep a primitive value primitive.
   */
  protected static <R> R evaluate(Witness<R> body) throws Throwable {
    return body.get();
  }

  /** {@link #evaluate(Witness)} for a {@code boolean}. */
  protected static boolean evaluate(Witness.OfBoolean body) throws Throwable {
    return body.get();
  }

  /** {@link #evaluate(Witness)} for a {@code byte}. */
  protected static byte evaluate(Witness.OfByte body) throws Throwable {
    return body.get();
  }

  /** {@link #evaluate(Witness)} for a {@code short}. */
  protected static short evaluate(Witness.OfShort body) throws Throwable {
    return body.get();
  }

  /** {@link #evaluate(Witness)} for a {@code char}. */
  protected static char evaluate(Witness.OfChar body) throws Throwable {
    return body.get();
  }

  /** {@link #evaluate(Witness)} for an {@code int}. */
  protected static int evaluate(Witness.OfInt body) throws Throwable {
    return body.get();
  }

  /** {@link #evaluate(Witness)} for a {@code long}. */
  protected static long evaluate(Witness.OfLong body) throws Throwable {
    return body.get();
  }

  /** {@link #evaluate(Witness)} for a {@code float}. */
  protected static float evaluate(Witness.OfFloat body) throws Throwable {
    return body.get();
  }

  /** {@link #evaluate(Witness)} for a {@code double}. */
  protected static double evaluate(Witness.OfDouble body) throws Throwable {
    return body.get();
  }

  /**
   * Always true: lets a pattern binding be copied into its field inside a condition, as in {@code
   * o instanceof String s_ && matched(s = s_)}.
   */
  protected static boolean matched(Object binding) {
    return true;
  }

  // ---- for-each loops cut into states: iterate(x) once, then hasNext/next until done

  /** The iterator a for-each loop over {@code iterable} uses. */
  protected static <T> Iterator<T> iterate(Iterable<T> iterable) {
    return iterable.iterator();
  }

  /** An iterator over {@code array} that reads it element by element, as Java's for-each does. */
  protected static <T> Iterator<T> iterate(T[] array) {
    return new ArrayIterators.OfObject<>(array);
  }

  /** {@link #iterate(Object[])} for a {@code boolean[]}. */
  protected static Object iterate(boolean[] array) {
    return new ArrayIterators.OfBoolean(array);
  }

  /** {@link #iterate(Object[])} for a {@code byte[]}. */
  protected static Object iterate(byte[] array) {
    return new ArrayIterators.OfByte(array);
  }

  /** {@link #iterate(Object[])} for a {@code short[]}. */
  protected static Object iterate(short[] array) {
    return new ArrayIterators.OfShort(array);
  }

  /** {@link #iterate(Object[])} for a {@code char[]}. */
  protected static Object iterate(char[] array) {
    return new ArrayIterators.OfChar(array);
  }

  /** {@link #iterate(Object[])} for an {@code int[]}. */
  protected static Object iterate(int[] array) {
    return new ArrayIterators.OfInt(array);
  }

  /** {@link #iterate(Object[])} for a {@code long[]}. */
  protected static Object iterate(long[] array) {
    return new ArrayIterators.OfLong(array);
  }

  /** {@link #iterate(Object[])} for a {@code float[]}. */
  protected static Object iterate(float[] array) {
    return new ArrayIterators.OfFloat(array);
  }

  /** {@link #iterate(Object[])} for a {@code double[]}. */
  protected static Object iterate(double[] array) {
    return new ArrayIterators.OfDouble(array);
  }

  /** Whether the iterator made by {@code iterate} has another element. */
  protected static boolean hasNext(Object iterator) {
    return iterator instanceof ArrayIterators.OverArray array
        ? array.hasNext()
        : ((Iterator<?>) iterator).hasNext();
  }

  /**
   * The next element, with the element type of the loop's iterable, which {@code elementOf(...)}
   * in the lambda (never run) gives.
   */
  @SuppressWarnings("unchecked") // the iterator came from iterate(x) for the same x
  protected static <R> R next(Object iterator, Witness<R> typeOnly) {
    return ((Iterator<R>) iterator).next();
  }

  /** {@link #next(Object, Witness)} for a {@code boolean[]}. */
  protected static boolean next(Object iterator, Witness.OfBoolean typeOnly) {
    return ((ArrayIterators.OfBoolean) iterator).next();
  }

  /** {@link #next(Object, Witness)} for a {@code byte[]}. */
  protected static byte next(Object iterator, Witness.OfByte typeOnly) {
    return ((ArrayIterators.OfByte) iterator).next();
  }

  /** {@link #next(Object, Witness)} for a {@code short[]}. */
  protected static short next(Object iterator, Witness.OfShort typeOnly) {
    return ((ArrayIterators.OfShort) iterator).next();
  }

  /** {@link #next(Object, Witness)} for a {@code char[]}. */
  protected static char next(Object iterator, Witness.OfChar typeOnly) {
    return ((ArrayIterators.OfChar) iterator).next();
  }

  /** {@link #next(Object, Witness)} for an {@code int[]}. */
  protected static int next(Object iterator, Witness.OfInt typeOnly) {
    return ((ArrayIterators.OfInt) iterator).next();
  }

  /** {@link #next(Object, Witness)} for a {@code long[]}. */
  protected static long next(Object iterator, Witness.OfLong typeOnly) {
    return ((ArrayIterators.OfLong) iterator).next();
  }

  /** {@link #next(Object, Witness)} for a {@code float[]}. */
  protected static float next(Object iterator, Witness.OfFloat typeOnly) {
    return ((ArrayIterators.OfFloat) iterator).next();
  }

  /** {@link #next(Object, Witness)} for a {@code double[]}. */
  protected static double next(Object iterator, Witness.OfDouble typeOnly) {
    return ((ArrayIterators.OfDouble) iterator).next();
  }

  /** The element type of a for-each over {@code iterable}, for a lambda that is never run. */
  protected static <T> T elementOf(Iterable<T> iterable) {
    throw new AssertionError("only used in lambdas that are never run");
  }

  /** The element type of a for-each over {@code array}, for a lambda that is never run. */
  protected static <T> T elementOf(T[] array) {
    throw new AssertionError("only used in lambdas that are never run");
  }

  /** {@link #elementOf(Object[])} for a {@code boolean[]}. */
  protected static boolean elementOf(boolean[] array) {
    throw new AssertionError("only used in lambdas that are never run");
  }

  /** {@link #elementOf(Object[])} for a {@code byte[]}. */
  protected static byte elementOf(byte[] array) {
    throw new AssertionError("only used in lambdas that are never run");
  }

  /** {@link #elementOf(Object[])} for a {@code short[]}. */
  protected static short elementOf(short[] array) {
    throw new AssertionError("only used in lambdas that are never run");
  }

  /** {@link #elementOf(Object[])} for a {@code char[]}. */
  protected static char elementOf(char[] array) {
    throw new AssertionError("only used in lambdas that are never run");
  }

  /** {@link #elementOf(Object[])} for an {@code int[]}. */
  protected static int elementOf(int[] array) {
    throw new AssertionError("only used in lambdas that are never run");
  }

  /** {@link #elementOf(Object[])} for a {@code long[]}. */
  protected static long elementOf(long[] array) {
    throw new AssertionError("only used in lambdas that are never run");
  }

  /** {@link #elementOf(Object[])} for a {@code float[]}. */
  protected static float elementOf(float[] array) {
    throw new AssertionError("only used in lambdas that are never run");
  }

  /** {@link #elementOf(Object[])} for a {@code double[]}. */
  protected static double elementOf(double[] array) {
    throw new AssertionError("only used in lambdas that are never run");
  }

  /** The error for a {@code state} that no {@code case} handles: a bug in asyncj, never yours. */
  protected final IllegalStateException unknownState() {
    return new IllegalStateException(
        "asyncj bug: " + this + " has no state " + state + "; please report it");
  }
}
