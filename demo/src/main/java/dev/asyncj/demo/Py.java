package dev.asyncj.demo;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Values shown the way Python's {@code print} shows them, so that the demo's output matches the
 * tutorial's: {@code None} for {@code null}, {@code True}/{@code False}, {@code ['A', 'B']} for a
 * list, {@code ValueError('...')} for an exception.
 */
final class Py {
  private Py() {}

  /** Python's {@code str(value)}: what {@code print(value)} writes. */
  static String str(Object value) {
    if (value instanceof CharSequence text) {
      return text.toString();
    }
    return repr(value);
  }

  /** Python's {@code repr(value)}: how a value looks inside a printed list. */
  static String repr(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof Boolean flag) {
      return flag ? "True" : "False";
    }
    if (value instanceof CharSequence text) {
      return "'" + text.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
    if (value instanceof List<?> list) {
      return list.stream().map(Py::repr).collect(Collectors.joining(", ", "[", "]"));
    }
    if (value instanceof Throwable exception) {
      // Python shows an exception in a list as its constructor call: ValueError('message').
      String message = exception.getMessage();
      String argument = message == null ? "" : repr(message);
      return exception.getClass().getSimpleName() + "(" + argument + ")";
    }
    return value.toString();
  }
}
