package dev.asyncj.internal;

/**
 * A lambda that is never run, written in generated code only so that javac infers a type from the
 * expression it returns. For example {@code awaitedValue(() -> Await.of(hello()))} has the type of
 * {@code Await.of(hello())} without calling {@code hello()} again.
 *
 * <p>The nested interfaces do the same for expressions of a primitive type: javac picks the most
 * specific one, so a kept {@code int} is read back as an {@code int}, not an {@code Integer}, and
 * overloads resolve as they did in the user's code.
 *
 * @param <T> the type of the expression
 */
@FunctionalInterface
public interface Witness<T> {
  /** Never called. */
  T get() throws Throwable;

  /** A {@link Witness} of a {@code boolean} expression. */
  @FunctionalInterface
  interface OfBoolean {
    boolean get() throws Throwable;
  }

  /** A {@link Witness} of a {@code byte} expression. */
  @FunctionalInterface
  interface OfByte {
    byte get() throws Throwable;
  }

  /** A {@link Witness} of a {@code short} expression. */
  @FunctionalInterface
  interface OfShort {
    short get() throws Throwable;
  }

  /** A {@link Witness} of a {@code char} expression. */
  @FunctionalInterface
  interface OfChar {
    char get() throws Throwable;
  }

  /** A {@link Witness} of an {@code int} expression. */
  @FunctionalInterface
  interface OfInt {
    int get() throws Throwable;
  }

  /** A {@link Witness} of a {@code long} expression. */
  @FunctionalInterface
  interface OfLong {
    long get() throws Throwable;
  }

  /** A {@link Witness} of a {@code float} expression. */
  @FunctionalInterface
  interface OfFloat {
    float get() throws Throwable;
  }

  /** A {@link Witness} of a {@code double} expression. */
  @FunctionalInterface
  interface OfDouble {
    double get() throws Throwable;
  }
}
