package dev.asyncj.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports the processor's errors where the user will look: on the element, or on the exact tree
 * (javac then shows file, line and a caret). Reporting does not stop the processor, so one
 * compilation shows every problem; {@link #abort()} gives up on the current method.
 */
final class ErrorReporter {
  private final Messager messager;
  private final Trees trees;
  private int errors;

  ErrorReporter(Messager messager, Trees trees) {
    this.messager = messager;
    this.trees = trees;
  }

  void error(Element element, Message message, Object... args) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element);
  }

  void error(Tree tree, CompilationUnitTree unit, Message message, Object... args) {
    errors++;
    trees.printMessage(Diagnostic.Kind.ERROR, message.format(args), tree, unit);
  }

  void note(Element element, String text) {
    messager.printMessage(Diagnostic.Kind.NOTE, text, element);
  }

  /** How many errors were reported so far; compare before and after a batch of checks. */
  int errorCount() {
    return errors;
  }

  /**
   * Returns an exception that stops work on the current method, after its errors were reported:
   * {@code throw reporter.abort();}.
   */
  AbortMethod abort() {
    return new AbortMethod();
  }

  /** Stops work on one method; its errors are already reported. */
  static final class AbortMethod extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AbortMethod() {
      super(null, null, false, false);
    }
  }
}
