package dev.asyncj.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Scope;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;

/**
 * javac's scope at a place in a method body, asked for while processors run, before javac has
 * attributed the bodies: {@link Trees#getScope} attributes a copy of the body up to that place.
 *
 * <p>Up to JDK 24, javac gives a class's tree its type only when it attributes the class, and that
 * early attribution of a body reads it in one place: the operand of a {@code ?:} that calls a
 * method by its simple name ({@code c ? 0 : note(v)}), where javac asks whether the call's type is
 * boolean or numeric. {@code getScope} then fails inside javac with a NullPointerException
 * (JDK-8347989, fixed in JDK 25, whose javac types class trees when it enters them). Before asking
 * for a scope in such a body, the class is attributed: {@link Trees#getElement} does that for a tree
 * javac has not attributed yet.
 */
final class Scopes {
  private final Trees trees;

  Scopes(Trees trees) {
    this.trees = trees;
  }

  /** javac's scope at {@code path}, which lies in the body of a method or initializer. */
  Scope at(TreePath path) {
    TreePath body = attributedBody(path);
    if (body != null) {
      TreePath type = body.getParentPath();
      if (trees.getTypeMirror(type) == null && hasConditionalCallingBySimpleName(body.getLeaf())) {
        // A tree without a symbol of its own: javac attributes the class to find one.
        trees.getElement(new TreePath(type, ((ClassTree) type.getLeaf()).getModifiers()));
      }
    }
    return trees.getScope(path);
  }

  /**
   * The member whose body {@code getScope(path)} attributes: the method, initializer or field of
   * the innermost class reached through member classes only, from the file down. Null if the path
   * is not inside one.
   */
  private static TreePath attributedBody(TreePath path) {
    List<TreePath> fromTop = new ArrayList<>();
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      fromTop.add(0, p);
    }
    for (TreePath p : fromTop) {
      if (!(p.getLeaf() instanceof ClassTree) && !(p.getLeaf() instanceof CompilationUnitTree)) {
        return p.getParentPath().getLeaf() instanceof ClassTree ? p : null;
      }
    }
    return null;
  }

  /** Whether {@code tree} holds a {@code ?:} with an operand like {@code note(v)}. */
  private static boolean hasConditionalCallingBySimpleName(Tree tree) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitConditionalExpression(ConditionalExpressionTree tree, Void unused) {
            return callsBySimpleName(tree.getTrueExpression())
                || callsBySimpleName(tree.getFalseExpression())
                || Boolean.TRUE.equals(super.visitConditionalExpression(tree, null));
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(tree, null);
    return Boolean.TRUE.equals(found);
  }

  /** An operand as javac's check sees it: through parentheses and nested {@code ?:}. */
  private static boolean callsBySimpleName(ExpressionTree operand) {
    if (operand instanceof ParenthesizedTree parenthesized) {
      return callsBySimpleName(parenthesized.getExpression());
    }
    if (operand instanceof ConditionalExpressionTree conditional) {
      return callsBySimpleName(conditional.getTrueExpression())
          || callsBySimpleName(conditional.getFalseExpression());
    }
    return operand instanceof MethodInvocationTree call
        && call.getMethodSelect() instanceof IdentifierTree;
  }
}
