package dev.asyncj.processor;

import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WildcardTree;
import com.sun.source.util.TreeScanner;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The type a local's declaration spells out ({@code int total}, {@code String label}, {@code
 * List<String> names}), read from the declaration without attributing the body.
 *
 * <p>Why: the other way to a local's type, {@code Trees.getScope}, makes javac attribute the
 * method body up to that point, about a millisecond each time; on a file with a thousand {@code
 * @Async} methods that is a large part of the processor's time. Most locals write their type out,
 * and a written type needs only name lookup: primitives, arrays, and classes named as the file
 * names them.
 *
 * <p>It answers only where the answer cannot differ from javac's, and says "don't know" (null)
 * otherwise, so that {@link Hoisting} asks javac: {@code var}, a multi-catch, annotations, a name
 * that could be a type variable or a local class, a generic class's inner class, anything it does
 * not resolve to a type.
 */
final class DeclaredTypes {
  private final Types types;
  private final EnclosingScope scope;
  private final Set<String> namesToLeaveToJavac = new HashSet<>();
  private boolean scopeKnown;

  DeclaredTypes(AsyncMethod method, Types types) {
    this.types = types;
    this.scope = method.scope();
    // A type variable or a local class would shadow the types the scope knows of.
    for (TypeParameterElement parameter : method.element().getTypeParameters()) {
      namesToLeaveToJavac.add(parameter.getSimpleName().toString());
    }
    scopeKnown = true;
    for (TypeElement type : scope.enclosingClasses()) {
      for (TypeParameterElement parameter : type.getTypeParameters()) {
        namesToLeaveToJavac.add(parameter.getSimpleName().toString());
      }
      NestingKind nesting = type.getNestingKind(); // else a local class of a method may be in scope
      scopeKnown &= nesting == NestingKind.TOP_LEVEL || nesting == NestingKind.MEMBER;
    }
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        namesToLeaveToJavac.add(tree.getSimpleName().toString());
        return super.visitClass(tree, null);
      }
    }.scan(method.tree().getBody(), null);
    // A type imported by a static import shadows the file's package; the scope does not look there.
    Set<String> staticallyImported = scope.staticallyImportedNames();
    if (staticallyImported == null) {
      scopeKnown = false;
    } else {
      namesToLeaveToJavac.addAll(staticallyImported);
    }
  }

  /** The type {@code variable}'s declaration writes, or null if only javac can tell. */
  TypeMirror typeOf(LocalVariable variable) {
    if (!scopeKnown
        || !(variable.declarationTree() instanceof VariableTree declaration)
        || !declaration.getModifiers().getAnnotations().isEmpty()
        || declaration.getType() == null) {
      return null;
    }
    try {
      return type(declaration.getType());
    } catch (IllegalArgumentException notAType) {
      return null; // e.g. a type argument that does not fit its parameter: javac reports it
    }
  }

  private TypeMirror type(Tree tree) {
    if (tree instanceof PrimitiveTypeTree primitive) {
      return primitive.getPrimitiveTypeKind().isPrimitive()
          ? types.getPrimitiveType(primitive.getPrimitiveTypeKind())
          : null;
    }
    if (tree instanceof ArrayTypeTree array) {
      TypeMirror component = type(array.getType());
      return component == null ? null : types.getArrayType(component);
    }
    if (tree instanceof IdentifierTree || tree instanceof MemberSelectTree) {
      TypeElement element = namedType((ExpressionTree) tree);
      return element == null || isGeneric(element) ? null : element.asType();
    }
    if (tree instanceof ParameterizedTypeTree parameterized) {
      TypeElement element = namedType((ExpressionTree) parameterized.getType());
      List<? extends Tree> arguments = parameterized.getTypeArguments();
      if (element == null
          || arguments.isEmpty() // a diamond: only in a 'new'
          || element.getTypeParameters().size() != arguments.size()
          || hasGenericEnclosingClass(element)) {
        return null;
      }
      TypeMirror[] typeArguments = new TypeMirror[arguments.size()];
      for (int i = 0; i < typeArguments.length; i++) {
        typeArguments[i] = typeArgument(arguments.get(i));
        if (typeArguments[i] == null) {
          return null;
        }
      }
      return types.getDeclaredType(element, typeArguments);
    }
    return null; // var, a union, an annotated type...
  }

  private TypeMirror typeArgument(Tree tree) {
    if (tree instanceof WildcardTree wildcard) {
      TypeMirror bound = wildcard.getBound() == null ? null : type(wildcard.getBound());
      if (wildcard.getBound() != null && bound == null) {
        return null;
      }
      return switch (wildcard.getKind()) {
        case UNBOUNDED_WILDCARD -> types.getWildcardType(null, null);
        case EXTENDS_WILDCARD -> types.getWildcardType(bound, null);
        case SUPER_WILDCARD -> types.getWildcardType(null, bound);
        default -> null;
      };
    }
    TypeMirror type = type(tree);
    return type == null || type.getKind().isPrimitive() ? null : type;
  }

  /** The class {@code Name} or {@code a.b.Name} names, if the scope is sure of it. */
  private TypeElement namedType(ExpressionTree tree) {
    ExpressionTree leftmost = tree;
    while (leftmost instanceof MemberSelectTree select) {
      leftmost = select.getExpression();
    }
    if (!(leftmost instanceof IdentifierTree identifier)
        || namesToLeaveToJavac.contains(identifier.getName().toString())) {
      return null;
    }
    return scope.typeNamed(tree);
  }

  /** Generic, or an inner class of a generic class (its type is {@code Outer<T>.Inner}). */
  static boolean isGeneric(TypeElement type) {
    return !type.getTypeParameters().isEmpty() || hasGenericEnclosingClass(type);
  }

  private static boolean hasGenericEnclosingClass(TypeElement type) {
    for (TypeElement inner = type;
        isInnerClass(inner) && inner.getEnclosingElement() instanceof TypeElement outer;
        inner = outer) {
      if (!outer.getTypeParameters().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** A non-static member class: its instances belong to one of the enclosing class. */
  private static boolean isInnerClass(TypeElement type) {
    return type.getNestingKind() == NestingKind.MEMBER
        && type.getKind() == ElementKind.CLASS
        && !type.getModifiers().contains(Modifier.STATIC);
  }
}
