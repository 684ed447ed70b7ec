package dev.asyncj;

/** Python's {@code repr()} for values shown in the {@code toString()} of futures and tasks. */
final class Repr {
  private Repr() {}

  /** {@code 'text'} for strings, {@code None} for null, {@code toString()} otherwise. */
  static String of(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof CharSequence text) {
      return "'" + text.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
    return value.toString();
  }
}
