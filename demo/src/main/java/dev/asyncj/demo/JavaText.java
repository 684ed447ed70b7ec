package dev.asyncj.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of a Java source file, line by line, with just enough lexing for {@code explain}: which
 * characters are code (not in a comment, string, character or text block), where a line's {@code
 * //} comment starts, and the brace depth at the start of each line. Not a parser: it never needs to
 * understand more than braces, parentheses and comments.
 */
final class JavaText {
  /** The lines, without line terminators. */
  final List<String> lines;

  /** Each line with everything but code (comments, literals) blanked out, column for column. */
  private final List<String> code;

  /** Per line: the column where a {@code //} comment starts, or -1. */
  private final int[] commentAt;

  /** Per line: how many code braces are open at its start. */
  private final int[] depth;

  private static final int CODE = 0;
  private static final int LINE_COMMENT = 1;
  private static final int BLOCK_COMMENT = 2;
  private static final int STRING = 3;
  private static final int CHAR = 4;
  private static final int TEXT_BLOCK = 5;

  JavaText(String text) {
    text = expandTabs(text.replace("\r\n", "\n").replace('\r', '\n'));
    lines = List.of(text.split("\n", -1));
    List<String> masked = new ArrayList<>();
    List<Integer> comments = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    int comment = -1;
    int state = CODE;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
      if (c == '\n') {
        masked.add(line.toString());
        comments.add(comment);
        line.setLength(0);
        comment = -1;
        if (state == LINE_COMMENT || state == STRING || state == CHAR) {
          state = CODE; // a line comment ends here; an unterminated literal too
        }
        continue;
      }
      switch (state) {
        case CODE -> {
          if (c == '/' && next == '/') {
            state = LINE_COMMENT;
            comment = line.length();
            line.append(' ');
          } else if (c == '/' && next == '*') {
            state = BLOCK_COMMENT;
            line.append("  ");
            i++;
          } else if (text.startsWith("\"\"\"", i)) {
            state = TEXT_BLOCK;
            line.append("   ");
            i += 2;
          } else if (c == '"') {
            state = STRING;
            line.append(' ');
          } else if (c == '\'') {
            state = CHAR;
            line.append(' ');
          } else {
            line.append(c);
          }
        }
        case LINE_COMMENT -> line.append(' ');
        case BLOCK_COMMENT -> {
          if (c == '*' && next == '/') {
            state = CODE;
            line.append(' ');
            i++;
          }
          line.append(' ');
        }
        case STRING, CHAR -> {
          if (c == '\\' && next != '\n' && next != '\0') {
            line.append(' ');
            i++;
          } else if (c == (state == STRING ? '"' : '\'')) {
            state = CODE;
          }
          line.append(' ');
        }
        default -> { // TEXT_BLOCK
          if (c == '\\' && next != '\n' && next != '\0') {
            line.append(' ');
            i++;
          } else if (text.startsWith("\"\"\"", i)) {
            state = CODE;
            line.append("  ");
            i += 2;
          }
          line.append(' ');
        }
      }
    }
    masked.add(line.toString());
    comments.add(comment);
    code = masked;
    commentAt = comments.stream().mapToInt(Integer::intValue).toArray();
    depth = new int[lines.size() + 1];
    for (int i = 0; i < lines.size(); i++) {
      int d = depth[i];
      for (char c : code.get(i).toCharArray()) {
        if (c == '{') {
          d++;
        } else if (c == '}') {
          d--;
        }
      }
      depth[i + 1] = d;
    }
  }

  int size() {
    return lines.size();
  }

  /** Line {@code i} (from 0) with comments and literals blanked out. */
  String code(int i) {
    return code.get(i);
  }

  /** The column where line {@code i}'s {@code //} comment starts, or -1 if it has none. */
  int commentAt(int i) {
    return commentAt[i];
  }

  /** The text of line {@code i}'s {@code //} comment after the slashes, trimmed; or null. */
  String comment(int i) {
    return commentAt[i] < 0 ? null : lines.get(i).substring(commentAt[i] + 2).strip();
  }

  /** How many braces are open at the start of line {@code i}. */
  int depth(int i) {
    return depth[i];
  }

  /** Whether line {@code i} has no code: blank, or only a comment. */
  boolean isBlankOrComment(int i) {
    return code.get(i).isBlank();
  }

  /**
   * The block that starts with the first {@code {} outside parentheses at or after line {@code
   * from}: the index of the line of its closing brace, or -1 if there is none. (Outside
   * parentheses, so that the braces of an annotation's array argument are not taken for a body.)
   */
  int endOfBlock(int from) {
    int parens = 0;
    int braces = 0;
    boolean open = false;
    for (int i = from; i < lines.size(); i++) {
      for (char c : code.get(i).toCharArray()) {
        if (c == '(') {
          parens++;
        } else if (c == ')') {
          parens--;
        } else if (c == '{' && (open || parens == 0)) {
          open = true;
          braces++;
        } else if (c == '}' && open) {
          braces--;
          if (braces == 0) {
            return i;
          }
        }
      }
    }
    return -1;
  }

  /** {@code text} with each tab replaced by spaces up to the next multiple of 4 columns. */
  private static String expandTabs(String text) {
    if (text.indexOf('\t') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    int column = 0;
    for (char c : text.toCharArray()) {
      if (c == '\t') {
        do {
          out.append(' ');
          column++;
        } while (column % 4 != 0);
      } else {
        out.append(c);
        column = c == '\n' ? 0 : column + 1;
      }
    }
    return out.toString();
  }

  /** How many spaces line {@code i} starts with. */
  int indent(int i) {
    return indent(lines.get(i));
  }

  static int indent(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return n;
  }

  /** {@code line} without up to {@code n} leading spaces. */
  static String dedent(String line, int n) {
    return line.substring(Math.min(n, indent(line)));
  }
}
