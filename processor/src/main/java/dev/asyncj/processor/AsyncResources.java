package dev.asyncj.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Scope;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Name;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The resources of an {@code @Async} method's try-with-resources statements that are {@code
 * dev.asyncj.AsyncCloseable}: Python's {@code async with}, whose entry and exit are awaited.
 */
final class AsyncResources {
  private final Set<Tree> asyncResources = Collections.newSetFromMap(new IdentityHashMap<>());

  private AsyncResources() {}

  /**
   * The async resources of the try statements directly in the method at {@code method} (not in
   * its lambdas or nested classes).
   */
  static AsyncResources of(TreePath method, Detector detector) {
    AsyncResources found = new AsyncResources();
    if (!detector.isAvailable()) {
      return found;
    }
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitTry(TryTree tree, Void unused) {
        found.asyncResources.addAll(detector.asyncResourcesOf(getCurrentPath()));
        return super.visitTry(tree, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }
    }.scan(method, null);
    return found;
  }

  /** Whether {@code resource}, a resource of a try statement, is an async one. */
  boolean isAsync(Tree resource) {
    return asyncResources.contains(resource);
  }

  /**
   * Tells which resources of a try statement are {@code AsyncCloseable}, from the types javac gave
   * their locals in the scope of the try block.
   */
  static final class Detector {
    private final Scopes scopes;
    private final Types types;
    private final Elements elements;
    private final TypeMirror asyncCloseable;

    Detector(Scopes scopes, Types types, Elements elements) {
      this.scopes = scopes;
      this.types = types;
      this.elements = elements;
      TypeElement type = elements.getTypeElement(RuntimeNames.ASYNC_CLOSEABLE);
      this.asyncCloseable = type == null ? null : types.erasure(type.asType());
    }

    /** False when the runtime is not on the class path: then no resource is async. */
    boolean isAvailable() {
      return asyncCloseable != null;
    }

    /** The resources of the try statement at {@code tryPath} that are async, in order. */
    List<Tree> asyncResourcesOf(TreePath tryPath) {
      TryTree tree = (TryTree) tryPath.getLeaf();
      List<Tree> found = new ArrayList<>();
      if (asyncCloseable == null || tree.getResources().isEmpty()) {
        return found;
      }
      // Bodies are not attributed yet while processors run; asking for the scope of the try block
      // attributes what is declared up to it, and the resources are locals or fields there.
      Scope scope = scopes.at(new TreePath(tryPath, tree.getBlock()));
      for (Tree resource : tree.getResources()) {
        TypeMirror type = typeOf(resource, scope);
        if (type != null
            && type.getKind() != TypeKind.ERROR
            && types.isAssignable(types.erasure(type), asyncCloseable)) {
          found.add(resource);
        }
      }
      return found;
    }

    /**
     * The type of the variable a resource declares, or names: a local or a field ({@code try (tg)}
     * or {@code try (this.tg)}); null for other resources, which are then closed as they are (an
     * {@code AsyncCloseable}'s {@code close()} says what went wrong).
     */
    private TypeMirror typeOf(Tree resource, Scope scope) {
      if (resource instanceof VariableTree variable) {
        return local(variable.getName(), scope);
      }
      if (resource instanceof IdentifierTree identifier) {
        TypeMirror local = local(identifier.getName(), scope);
        return local != null ? local : field(identifier.getName(), scope.getEnclosingClass());
      }
      if (resource instanceof MemberSelectTree select
          && select.getExpression() instanceof IdentifierTree qualifier
          && qualifier.getName().contentEquals("this")) {
        return field(select.getIdentifier(), scope.getEnclosingClass());
      }
      return null;
    }

    private static TypeMirror local(Name name, Scope scope) {
      for (Element local : scope.getLocalElements()) {
        if (local.getSimpleName().equals(name)) {
          return local.asType();
        }
      }
      return null;
    }

    /** The type of field {@code name} of {@code type} or of a class around it. */
    private TypeMirror field(Name name, TypeElement type) {
      for (Element c = type; c instanceof TypeElement member; c = c.getEnclosingElement()) {
        for (Element field : ElementFilter.fieldsIn(elements.getAllMembers(member))) {
          if (field.getSimpleName().equals(name)) {
            return field.asType();
          }
        }
      }
      return null;
    }
  }
}
