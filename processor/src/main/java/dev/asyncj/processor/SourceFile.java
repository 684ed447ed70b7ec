package dev.asyncj.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The text of one compilation unit, with the positions javac recorded: the user's statements are
 * copied into generated code from here, exactly as written (never through {@code Tree.toString()},
 * which re-prints the code and turns {@code "开始"} into {@code "\u5f00\u59cb"}).
 */
final class SourceFile {
  private final CompilationUnitTree unit;
  private final SourcePositions positions;
  private final LineMap lines;
  private final String text;
  private final String fileName;

  SourceFile(CompilationUnitTree unit, Trees trees) {
    this.unit = unit;
    this.positions = trees.getSourcePositions();
    this.lines = unit.getLineMap();
    try {
      this.text = unit.getSourceFile().getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String name = unit.getSourceFile().getName();
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    this.fileName = name.substring(slash + 1);
  }

  CompilationUnitTree unit() {
    return unit;
  }

  /** The file's simple name, e.g. {@code Download.java}: paths differ between machines. */
  String fileName() {
    return fileName;
  }

  int start(Tree tree) {
    return (int) positions.getStartPosition(unit, tree);
  }

  int end(Tree tree) {
    int end = (int) positions.getEndPosition(unit, tree);
    if (tree instanceof ExpressionTree && end > 0 && text.charAt(end - 1) == ';') {
      // javac ends a resource of try (a; b) after its ';': an expression itself never ends so.
      end--;
      while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
        end--;
      }
    }
    return end;
  }

  /** The source text of {@code tree}, exactly as written. */
  String text(Tree tree) {
    return text.substring(start(tree), end(tree));
  }

  String text(int start, int end) {
    return text.substring(start, end);
  }

  char charAt(int position) {
    return text.charAt(position);
  }

  int length() {
    return text.length();
  }

  /**
   * The line of a method's name, where its declaration reads {@code static Coroutine<Integer>
   * count(int from) {}, rather than of the annotations and modifiers it starts with: the line a
   * stack frame or a debugger shows for the method itself.
   */
  int declarationLine(MethodTree method) {
    Tree returnType = method.getReturnType();
    int name =
        returnType == null ? -1 : text.indexOf(method.getName().toString(), end(returnType));
    return name < 0 ? line(method) : lineOf(name);
  }

  /** The 1-based line where {@code tree} starts. */
  int line(Tree tree) {
    return (int) lines.getLineNumber(start(tree));
  }

  int lineOf(int position) {
    return (int) lines.getLineNumber(position);
  }

  /** The text of line {@code line}, without its indentation and line break. */
  String lineText(int line) {
    int start = (int) lines.getStartPosition(line);
    int end = text.indexOf('\n', start);
    if (end < 0) {
      end = text.length();
    }
    return text.substring(start, end).strip();
  }

  /** The column (0-based, counting characters) where the line holding {@code position} starts its text. */
  int indentationOfLine(int position) {
    int lineStart = (int) lines.getStartPosition(lines.getLineNumber(position));
    int i = lineStart;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i - lineStart;
  }
}
