package dev.asyncj.internal;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Iterators over arrays for for-each loops cut into states: like Java's for-each over an array,
 * they read the array element by element (so changes made meanwhile are seen) and hand primitive
 * elements out unboxed.
 */
final class ArrayIterators {
  private ArrayIterators() {}

  /** The position in an array; subclasses read the element there. */
  abstract static class OverArray {
    private final int length;
    int index;

    OverArray(int length) {
      this.length = length;
    }

    public boolean hasNext() {
      return index < length;
    }

    final int nextIndex() {
      if (index >= length) {
        throw new NoSuchElementException();
      }
      return index++;
    }
  }

  static final class OfObject<T> extends OverArray implements Iterator<T> {
    private final T[] array;

    OfObject(T[] array) {
      super(array.length);
      this.array = array;
    }

    @Override
    public T next() {
      return array[nextIndex()];
    }
  }

  static final class OfBoolean extends OverArray {
    private final boolean[] array;

    OfBoolean(boolean[] array) {
      super(array.length);
      this.array = array;
    }

    boolean next() {
      return array[nextIndex()];
    }
  }

  static final class OfByte extends OverArray {
    private final byte[] array;

    OfByte(byte[] array) {
      super(array.length);
      this.array = array;
    }

    byte next() {
      return array[nextIndex()];
    }
  }

  static final class OfShort extends OverArray {
    private final short[] array;

    OfShort(short[] array) {
      super(array.length);
      this.array = array;
    }

    short next() {
      return array[nextIndex()];
    }
  }

  static final class OfChar extends OverArray {
    private final char[] array;

    OfChar(char[] array) {
      super(array.length);
      this.array = array;
    }

    char next() {
      return array[nextIndex()];
    }
  }

  static final class OfInt extends OverArray {
    private final int[] array;

    OfInt(int[] array) {
      super(array.length);
      this.array = array;
    }

    int next() {
      return array[nextIndex()];
    }
  }

  static final class OfLong extends OverArray {
    private final long[] array;

    OfLong(long[] array) {
      super(array.length);
      this.array = array;
    }

    long next() {
      return array[nextIndex()];
    }
  }

  static final class OfFloat extends OverArray {
    private final float[] array;

    OfFloat(float[] array) {
      super(array.length);
      this.array = array;
    }

    float next() {
      return array[nextIndex()];
    }
  }

  static final class OfDouble extends OverArray {
    private final double[] array;

    OfDouble(double[] array) {
      super(array.length);
      this.array = array;
    }

    double next() {
      return array[nextIndex()];
    }
  }
}
