package dev.asyncj.processor;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a statement "can complete normally" (JLS 14.22): the processor must not put code after a
 * copied statement that cannot, or javac would reject the generated file for unreachable code.
 * Constant conditions are recognised when written as the literal {@code true}.
 */
final class Completion {
  private Completion() {}

  static boolean canCompleteNormally(Tree statement) {
    return canCompleteNormally(statement, Set.of());
  }

  /** {@code labels}: the labels written before {@code statement}, which a continue may name. */
  private static boolean canCompleteNormally(Tree statement, Set<String> labels) {
    if (statement == null) {
      return true;
    }
    switch (statement.getKind()) {
      case BLOCK:
        return canCompleteNormally(((BlockTree) statement).getStatements());
      case RETURN:
      case THROW:
      case BREAK:
      case CONTINUE:
      case YIELD:
        return false;
      case LABELED_STATEMENT:
        {
          LabeledStatementTree labeled = (LabeledStatementTree) statement;
          Set<String> all = new HashSet<>(labels);
          all.add(labeled.getLabel().toString());
          return canCompleteNormally(labeled.getStatement(), all)
              || breaksOut(labeled.getStatement(), labeled.getLabel().toString(), false);
        }
      case IF:
        {
          IfTree ifTree = (IfTree) statement;
          return ifTree.getElseStatement() == null
              || canCompleteNormally(ifTree.getThenStatement())
              || canCompleteNormally(ifTree.getElseStatement());
        }
      case WHILE_LOOP:
        {
          WhileLoopTree loop = (WhileLoopTree) statement;
          return !isTrue(loop.getCondition()) || breaksOut(loop.getStatement(), null, true);
        }
      case DO_WHILE_LOOP:
        {
          DoWhileLoopTree loop = (DoWhileLoopTree) statement;
          boolean constant = isTrue(loop.getCondition());
          return (!constant && canCompleteNormally(loop.getStatement()))
              || (!constant && continues(loop.getStatement(), labels))
              || breaksOut(loop.getStatement(), null, true);
        }
      case FOR_LOOP:
        {
          ForLoopTree loop = (ForLoopTree) statement;
          boolean forever = loop.getCondition() == null || isTrue(loop.getCondition());
          return !forever || breaksOut(loop.getStatement(), null, true);
        }
      case SYNCHRONIZED:
        return canCompleteNormally(((SynchronizedTree) statement).getBlock());
      case TRY:
        {
          TryTree tryTree = (TryTree) statement;
          if (tryTree.getFinallyBlock() != null && !canCompleteNormally(tryTree.getFinallyBlock())) {
            return false;
          }
          if (canCompleteNormally(tryTree.getBlock())) {
            return true;
          }
          return tryTree.getCatches().stream().anyMatch(c -> canCompleteNormally(c.getBlock()));
        }
      case SWITCH:
        return switchCanCompleteNormally((SwitchTree) statement);
      default:
        return true;
    }
  }

  static boolean canCompleteNormally(List<? extends StatementTree> statements) {
    for (StatementTree statement : statements) {
      if (!canCompleteNormally(statement)) {
        return false;
      }
    }
    return true;
  }

  private static boolean switchCanCompleteNormally(SwitchTree tree) {
    List<? extends CaseTree> cases = tree.getCases();
    boolean hasDefault = cases.stream().anyMatch(c -> c.getExpressions().isEmpty());
    if (!hasDefault || cases.isEmpty()) {
      return true;
    }
    for (CaseTree c : cases) {
      if (breaksOut(c, null, true)) {
        return true;
      }
    }
    CaseTree last = cases.get(cases.size() - 1);
    if (last.getCaseKind() == CaseTree.CaseKind.STATEMENT) {
      return canCompleteNormally(last.getStatements());
    }
    for (CaseTree c : cases) {
      Tree body = c.getBody();
      if (body instanceof ExpressionTree || (body != null && canCompleteNormally(body))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTrue(ExpressionTree condition) {
    while (condition instanceof ParenthesizedTree parens) {
      condition = parens.getExpression();
    }
    return condition instanceof LiteralTree literal && Boolean.TRUE.equals(literal.getValue());
  }

  /**
   * Whether {@code body} holds a {@code break} leaving the statement that encloses it: one with
   * {@code label}, or an unlabeled one not inside a nested loop or switch.
   */
  static boolean breaksOut(Tree body, String label, boolean unlabeledCounts) {
    Boolean found =
        new TreeScanner<Boolean, Integer>() {
          @Override
          public Boolean visitBreak(BreakTree tree, Integer depth) {
            if (tree.getLabel() == null) {
              return unlabeledCounts && depth == 0;
            }
            return tree.getLabel().contentEquals(label == null ? "" : label);
          }

          @Override
          public Boolean visitWhileLoop(WhileLoopTree tree, Integer depth) {
            return super.visitWhileLoop(tree, depth + 1);
          }

          @Override
          public Boolean visitDoWhileLoop(DoWhileLoopTree tree, Integer depth) {
            return super.visitDoWhileLoop(tree, depth + 1);
          }

          @Override
          public Boolean visitForLoop(ForLoopTree tree, Integer depth) {
            return super.visitForLoop(tree, depth + 1);
          }

          @Override
          public Boolean visitEnhancedForLoop(EnhancedForLoopTree tree, Integer depth) {
            return super.visitEnhancedForLoop(tree, depth + 1);
          }

          @Override
          public Boolean visitSwitch(SwitchTree tree, Integer depth) {
            return super.visitSwitch(tree, depth + 1);
          }

          @Override
          public Boolean visitSwitchExpression(SwitchExpressionTree tree, Integer depth) {
            return false;
          }

          @Override
          public Boolean visitLambdaExpression(LambdaExpressionTree tree, Integer depth) {
            return false;
          }

          @Override
          public Boolean visitClass(ClassTree tree, Integer depth) {
            return false;
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(body, 0);
    return Boolean.TRUE.equals(found);
  }

  /**
   * Whether {@code body}, a loop's, holds a {@code continue} of that loop: one naming one of its
   * {@code labels}, or an unlabeled one not inside a nested loop. A {@code continue} of an outer
   * loop leaves this one, as a {@code break} of an outer statement does.
   */
  private static boolean continues(Tree body, Set<String> labels) {
    Boolean found =
        new TreeScanner<Boolean, Integer>() {
          @Override
          public Boolean visitContinue(ContinueTree tree, Integer depth) {
            return tree.getLabel() == null
                ? depth == 0
                : labels.contains(tree.getLabel().toString());
          }

          @Override
          public Boolean visitWhileLoop(WhileLoopTree tree, Integer depth) {
            return super.visitWhileLoop(tree, depth + 1);
          }

          @Override
          public Boolean visitDoWhileLoop(DoWhileLoopTree tree, Integer depth) {
            return super.visitDoWhileLoop(tree, depth + 1);
          }

          @Override
          public Boolean visitForLoop(ForLoopTree tree, Integer depth) {
            return super.visitForLoop(tree, depth + 1);
          }

          @Override
          public Boolean visitEnhancedForLoop(EnhancedForLoopTree tree, Integer depth) {
            return super.visitEnhancedForLoop(tree, depth + 1);
          }

          @Override
          public Boolean visitSwitchExpression(SwitchExpressionTree tree, Integer depth) {
            return false;
          }

          @Override
          public Boolean visitLambdaExpression(LambdaExpressionTree tree, Integer depth) {
            return false;
          }

          @Override
          public Boolean visitClass(ClassTree tree, Integer depth) {
            return false;
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(body, 0);
    return Boolean.TRUE.equals(found);
  }
}
