package dev.asyncj.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Lines of generated Java with their relative indentation. A line may mention a {@link Label}
 * (through its placeholder) whose number is only known once every state is placed; {@link
 * Label#resolve} fills the numbers in when the code is rendered.
 */
final class Code {
  private record Line(int indent, String text) {}

  static final String INDENT = "  ";

  private final List<Line> lines = new ArrayList<>();
  private int indent;

  /** Adds one line at the current indentation. */
  Code line(String text) {
    lines.add(new Line(indent, text));
    return this;
  }

  /** Adds text that may span several lines, each at the current indentation plus its own. */
  Code text(String text) {
    for (String line : text.split("\n", -1)) {
      lines.add(new Line(indent, line));
    }
    return this;
  }

  Code indent() {
    indent++;
    return this;
  }

  Code unindent() {
    indent--;
    return this;
  }

  boolean isEmpty() {
    return lines.isEmpty();
  }

  /** The text, with labels resolved by {@code labels}; blank lines carry no indentation. */
  String render(UnaryOperator<String> labels) {
    StringBuilder text = new StringBuilder();
    for (Line line : lines) {
      if (!line.text.isEmpty()) {
        text.append(INDENT.repeat(line.indent)).append(labels.apply(line.text));
      }
      text.append('\n');
    }
    return text.toString();
  }
}
