package dev.asyncj.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreeScanner;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Which trees of a method body contain a point where the coroutine may suspend: an {@code
 * Await.of(...)}, a {@code return} of another coroutine (which awaits it), or the resource of an
 * {@code async with} (an {@code AsyncCloseable} in a try-with-resources). Only these are cut
 * into states; everything else is copied as it is. Lambdas and nested classes are not looked into:
 * an await there is an error, reported by the validator.
 */
final class Suspensions {
  private final Set<Tree> suspending = Collections.newSetFromMap(new IdentityHashMap<>());
  private final ApiCalls api;
  private final AsyncResources asyncResources;

  private Suspensions(ApiCalls api, AsyncResources asyncResources) {
    this.api = api;
    this.asyncResources = asyncResources;
  }

  static Suspensions of(Tree body, ApiCalls api, AsyncResources asyncResources) {
    Suspensions suspensions = new Suspensions(api, asyncResources);
    suspensions.new Finder().scan(body, null);
    return suspensions;
  }

  /** Whether {@code tree} contains a suspension point (outside lambdas and nested classes). */
  boolean contains(Tree tree) {
    return tree != null && suspending.contains(tree);
  }

  /** Whether any of {@code trees} contains a suspension point. */
  boolean containsAny(Iterable<? extends Tree> trees) {
    if (trees != null) {
      for (Tree tree : trees) {
        if (contains(tree)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@code tree} is a try-with-resources over an async resource: it awaits (async with). */
  private boolean isAsyncWith(Tree tree) {
    return tree instanceof TryTree statement
        && statement.getResources().stream().anyMatch(asyncResources::isAsync);
  }

  /**
   * Whether {@code tree} is a {@code return} of a coroutine that is not {@code done(...)}: it
   * finishes the method with that coroutine's value, so it awaits it.
   */
  boolean isTailAwait(Tree tree) {
    return tree instanceof ReturnTree ret
        && ret.getExpression() != null
        && !api.isDone(ret.getExpression())
        && ret.getExpression().getKind() != Tree.Kind.NULL_LITERAL;
  }

  private final class Finder extends TreeScanner<Boolean, Void> {
    @Override
    public Boolean scan(Tree tree, Void unused) {
      if (tree == null) {
        return false;
      }
      boolean found = Boolean.TRUE.equals(tree.accept(this, null));
      if (api.isAwait(tree) || isTailAwait(tree) || isAsyncWith(tree)) {
        found = true;
      }
      if (found) {
        suspending.add(tree);
      }
      return found;
    }

    @Override
    public Boolean scan(Iterable<? extends Tree> trees, Void unused) {
      boolean found = false;
      if (trees != null) {
        for (Tree tree : trees) {
          found |= scan(tree, null);
        }
      }
      return found;
    }

    @Override
    public Boolean reduce(Boolean a, Boolean b) {
      return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
    }

    @Override
    public Boolean visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
      return false;
    }

    @Override
    public Boolean visitClass(ClassTree tree, Void unused) {
      return false;
    }
  }
}
