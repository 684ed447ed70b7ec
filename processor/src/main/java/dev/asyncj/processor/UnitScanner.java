package dev.asyncj.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one compilation unit: finds its {@code @Async} methods, and checks that every {@code
 * Await.of} stands where a coroutine can suspend (directly in the body of an {@code @Async} method,
 * not in a lambda, a nested class, an initializer or a {@code synchronized} block), reporting each
 * one that does not at its line.
 */
final class UnitScanner extends TreePathScanner<Void, Void> {
  private final ApiCalls api;
  private final ErrorReporter errors;
  private final CompilationUnitTree unit;
  private final AsyncResources.Detector asyncResources;
  private final List<TreePath> asyncMethods = new ArrayList<>();

  private UnitScanner(
      CompilationUnitTree unit,
      ApiCalls api,
      ErrorReporter errors,
      AsyncResources.Detector asyncResources) {
    this.unit = unit;
    this.api = api;
    this.errors = errors;
    this.asyncResources = asyncResources;
  }

  /** The {@code @Async} methods of {@code unit} that are members of named classes, in order. */
  static List<TreePath> scan(
      CompilationUnitTree unit,
      ApiCalls api,
      ErrorReporter errors,
      AsyncResources.Detector asyncResources) {
    UnitScanner scanner = new UnitScanner(unit, api, errors, asyncResources);
    scanner.scan(unit, null);
    return scanner.asyncMethods;
  }

  @Override
  public Void visitMethod(MethodTree tree, Void unused) {
    if (isAsync(tree)) {
      if (tree.getName().contentEquals("<init>")) {
        errors.error(asyncAnnotation(tree), unit, Message.ASYNC_CONSTRUCTOR);
      } else if (!isMemberOfNamedClass(getCurrentPath())) {
        errors.error(tree, unit, Message.ASYNC_NOT_MEMBER, tree.getName());
      } else {
        asyncMethods.add(getCurrentPath());
      }
    }
    return super.visitMethod(tree, null);
  }

  @Override
  public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
    if (api.isAwait(tree)) {
      checkPlacement(getCurrentPath());
    }
    return super.visitMethodInvocation(tree, null);
  }

  @Override
  public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
    if (api.isAwaitReference(tree)) {
      TreePath method = enclosingMethod(getCurrentPath());
      errors.error(
          tree,
          unit,
          Message.AWAIT_METHOD_REFERENCE,
          method == null ? "an @Async method" : ((MethodTree) method.getLeaf()).getName() + "()");
    }
    return super.visitMemberReference(tree, null);
  }

  @Override
  public Void visitTry(TryTree tree, Void unused) {
    if (!tree.getResources().isEmpty()) {
      String misplaced = placeOtherThanAsyncMethod(getCurrentPath());
      if (misplaced != null) {
        for (Tree resource : asyncResources.asyncResourcesOf(getCurrentPath())) {
          String name =
              resource instanceof VariableTree variable
                  ? variable.getName().toString()
                  : resource.toString();
          errors.error(resource, unit, Message.ASYNC_RESOURCE_OUTSIDE_ASYNC, name, misplaced);
        }
      }
    }
    return super.visitTry(tree, null);
  }

  /**
   * Where {@code path} is, if not directly in the body of an {@code @Async} method: "a lambda",
   * "method plain()", ...; null if it is.
   */
  private String placeOtherThanAsyncMethod(TreePath path) {
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      Tree t = p.getLeaf();
      if (t instanceof LambdaExpressionTree) {
        return "a lambda";
      }
      if (t instanceof MethodTree method) {
        if (method.getName().contentEquals("<init>")) {
          return "a constructor";
        }
        if (isAsync(method) && isMemberOfNamedClass(p)) {
          return null;
        }
        return "method " + method.getName() + "()";
      }
      if (t instanceof ClassTree) {
        return "an initializer";
      }
    }
    return "this code";
  }

  /** Reports an await that is not directly in the body of an {@code @Async} method. */
  private void checkPlacement(TreePath await) {
    Tree tree = await.getLeaf();
    Tree child = tree;
    for (TreePath p = await.getParentPath(); p != null; child = p.getLeaf(), p = p.getParentPath()) {
      Tree t = p.getLeaf();
      if (t instanceof LambdaExpressionTree) {
        errors.error(tree, unit, Message.AWAIT_IN_LAMBDA, describeEnclosingMethod(p));
        return;
      }
      if (t instanceof SynchronizedTree) {
        errors.error(tree, unit, Message.AWAIT_IN_SYNCHRONIZED);
        return;
      }
      if (t instanceof AssertTree) {
        errors.error(tree, unit, Message.AWAIT_IN_ASSERT);
        return;
      }
      if (t instanceof CaseTree caseTree && StateBuilder.isGuard(caseTree, child)) {
        errors.error(tree, unit, Message.AWAIT_IN_CASE_GUARD);
        return;
      }
      if (t instanceof MethodTree method) {
        if (method.getName().contentEquals("<init>")) {
          errors.error(tree, unit, Message.AWAIT_IN_INITIALIZER, "a constructor");
          return;
        }
        if (isAsync(method) && isMemberOfNamedClass(p)) {
          return; // fine: directly in an @Async method
        }
        TreePath outer = enclosingMethod(p.getParentPath());
        if (outer != null && !isMemberOfNamedClass(p)) {
          MethodTree outerMethod = (MethodTree) outer.getLeaf();
          String name = outerMethod.getName() + "()";
          errors.error(tree, unit, Message.AWAIT_IN_CLASS_BODY, name, name);
        } else {
          errors.error(tree, unit, Message.AWAIT_OUTSIDE_ASYNC, method.getName() + "()");
        }
        return;
      }
      if (t instanceof ClassTree) {
        Tree member = await.getLeaf();
        for (TreePath q = await; q.getParentPath() != p; q = q.getParentPath()) {
          member = q.getParentPath().getLeaf();
        }
        String where =
            member instanceof VariableTree field
                ? "the initializer of field " + field.getName()
                : member instanceof BlockTree block && block.isStatic()
                    ? "a static initializer"
                    : "an initializer block";
        errors.error(tree, unit, Message.AWAIT_IN_INITIALIZER, where);
        return;
      }
    }
  }

  private boolean isAsync(MethodTree method) {
    return asyncAnnotation(method) != null;
  }

  private AnnotationTree asyncAnnotation(MethodTree method) {
    for (AnnotationTree annotation : method.getModifiers().getAnnotations()) {
      if (api.isAsyncAnnotation(annotation)) {
        return annotation;
      }
    }
    return null;
  }

  /** Whether the method at {@code method} belongs to a chain of named classes up to the file. */
  static boolean isMemberOfNamedClass(TreePath method) {
    for (TreePath p = method.getParentPath(); p != null; p = p.getParentPath()) {
      Tree t = p.getLeaf();
      if (t instanceof CompilationUnitTree) {
        return true;
      }
      if (!(t instanceof ClassTree named) || named.getSimpleName().length() == 0) {
        return false;
      }
      Tree parent = p.getParentPath().getLeaf();
      if (!(parent instanceof ClassTree) && !(parent instanceof CompilationUnitTree)) {
        return false; // a local class
      }
    }
    return false;
  }

  private static TreePath enclosingMethod(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree) {
        return p;
      }
    }
    return null;
  }

  private static String describeEnclosingMethod(TreePath path) {
    TreePath method = enclosingMethod(path);
    return method == null ? "the method" : ((MethodTree) method.getLeaf()).getName() + "()";
  }
}
