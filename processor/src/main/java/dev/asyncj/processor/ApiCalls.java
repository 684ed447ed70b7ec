package dev.asyncj.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;

/**
 * Recognises, in one compilation unit, the calls that the transformation gives meaning to: {@code
 * Await.of(x)} and {@code done(x)} / {@code done()}. Method bodies are not attributed while
 * annotations are processed, so the calls are recognised by their spelling and the unit's imports:
 * {@code Await.of} when {@code Await} is imported from {@code dev.asyncj}, {@code
 * dev.asyncj.Await.of}, or {@code of} imported statically.
 */
final class ApiCalls {
  private final boolean asyncImported;
  private final boolean awaitImported;
  private final boolean ofImported;
  private final boolean asyncioImported;
  private final boolean doneImported;

  private ApiCalls(CompilationUnitTree unit) {
    boolean inRuntimePackage =
        unit.getPackageName() != null
            && unit.getPackageName().toString().equals(RuntimeNames.PACKAGE);
    boolean async = inRuntimePackage;
    boolean await = inRuntimePackage;
    boolean of = false;
    boolean asyncio = inRuntimePackage;
    boolean done = false;
    for (ImportTree anImport : unit.getImports()) {
      String name = anImport.getQualifiedIdentifier().toString();
      if (anImport.isStatic()) {
        of |= name.equals(RuntimeNames.AWAIT + ".of") || name.equals(RuntimeNames.AWAIT + ".*");
        done |=
            name.equals(RuntimeNames.ASYNCIO + ".done") || name.equals(RuntimeNames.ASYNCIO + ".*");
      } else {
        async |= name.equals(RuntimeNames.ASYNC) || name.equals(RuntimeNames.PACKAGE + ".*");
        await |= name.equals(RuntimeNames.AWAIT) || name.equals(RuntimeNames.PACKAGE + ".*");
        asyncio |= name.equals(RuntimeNames.ASYNCIO) || name.equals(RuntimeNames.PACKAGE + ".*");
      }
    }
    this.asyncImported = async;
    this.awaitImported = await;
    this.ofImported = of;
    this.asyncioImported = asyncio;
    this.doneImported = done;
  }

  static ApiCalls of(CompilationUnitTree unit) {
    return new ApiCalls(unit);
  }

  /** Whether {@code annotation} is {@code @Async} of asyncj (and not, say, Spring's). */
  boolean isAsyncAnnotation(AnnotationTree annotation) {
    String name = qualifiedName((ExpressionTree) annotation.getAnnotationType());
    return name.equals(RuntimeNames.ASYNC) || (asyncImported && name.equals("Async"));
  }

  /** Whether {@code tree} is a call of {@code Await.of}. */
  boolean isAwait(Tree tree) {
    return tree instanceof MethodInvocationTree call
        && call.getArguments().size() == 1
        && names(call.getMethodSelect(), "of", RuntimeNames.AWAIT, awaitImported, ofImported);
  }

  /** Whether {@code tree} is the method reference {@code Await::of}. */
  boolean isAwaitReference(Tree tree) {
    if (!(tree instanceof MemberReferenceTree reference)
        || !reference.getName().contentEquals("of")) {
      return false;
    }
    String qualifier = qualifiedName(reference.getQualifierExpression());
    return qualifier.equals(RuntimeNames.AWAIT) || (awaitImported && qualifier.equals("Await"));
  }

  /** Whether {@code tree} is a call of {@code Asyncio.done(...)}. */
  boolean isDone(Tree tree) {
    return tree instanceof MethodInvocationTree call
        && call.getArguments().size() <= 1
        && names(call.getMethodSelect(), "done", RuntimeNames.ASYNCIO, asyncioImported, doneImported);
  }

  private static boolean names(
      ExpressionTree select,
      String method,
      String owner,
      boolean ownerImported,
      boolean methodImported) {
    if (select instanceof IdentifierTree identifier) {
      return methodImported && identifier.getName().contentEquals(method);
    }
    if (select instanceof MemberSelectTree member && member.getIdentifier().contentEquals(method)) {
      String qualifier = qualifiedName(member.getExpression());
      String simpleOwner = owner.substring(owner.lastIndexOf('.') + 1);
      return qualifier.equals(owner) || (ownerImported && qualifier.equals(simpleOwner));
    }
    return false;
  }

  /** {@code a.b.C} for a chain of identifiers, or "" for anything else. */
  static String qualifiedName(ExpressionTree tree) {
    if (tree instanceof IdentifierTree identifier) {
      return identifier.getName().toString();
    }
    if (tree instanceof MemberSelectTree member) {
      String left = qualifiedName(member.getExpression());
      return left.isEmpty() ? "" : left + "." + member.getIdentifier();
    }
    return "";
  }
}
