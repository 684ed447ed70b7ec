package dev.asyncj.processor;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * Reads back the value of an await whose type the called method's declaration tells: {@code
 * Await.of(fetch(url))}, where every {@code fetch} of the class returns {@code Coroutine<String>},
 * is read back as {@code (String) awaitedValue()}.
 *
 * <p>The other way to give the value its type, {@code awaitedValue(() -> Await.of(fetch(url)))},
 * lets javac infer it from a lambda that never runs. It always works, but javac takes far longer
 * over a lambda than over a cast: the lambdas were about a quarter of javac's time on 1,000
 * generated state machines. And the cast reads as what it is.
 */
final class AwaitedTypes {
  private AwaitedTypes() {}

  /**
   * {@code (String) awaitedValue()} for the await at {@code awaitPath}, parenthesised where a
   * member of the value is used; null if the declaration does not tell the type.
   */
  static String castValue(AsyncMethod method, TreePath awaitPath) {
    ExpressionTree awaitable = ((MethodInvocationTree) awaitPath.getLeaf()).getArguments().get(0);
    String type = valueType(method, awaitable);
    if (type == null) {
      return null;
    }
    String cast = "(" + type + ") awaitedValue()";
    Tree parent = awaitPath.getParentPath().getLeaf();
    boolean memberUsed =
        parent instanceof MemberSelectTree select && select.getExpression() == awaitPath.getLeaf();
    return memberUsed ? "(" + cast + ")" : cast;
  }

  /**
   * The simple name of {@code T}, when {@code awaitable} calls a method of the enclosing classes
   * by its simple name and every method of that name returns the same {@code Coroutine<T>}, with
   * {@code T} a class that is not generic and that its simple name denotes in the state machine.
   */
  private static String valueType(AsyncMethod method, ExpressionTree awaitable) {
    if (!(awaitable instanceof MethodInvocationTree call)
        || !(call.getMethodSelect() instanceof IdentifierTree name)
        || !call.getTypeArguments().isEmpty()) {
      return null;
    }
    Optional<EnclosingScope.Member> member = method.scope().member(name.getName().toString(), true);
    if (member.isEmpty()) {
      return null; // a statically imported method, which the scope does not look up
    }
    TypeElement value = null;
    for (Element candidate : member.get().elements()) {
      if (!(candidate instanceof ExecutableElement overload)
          || !overload.getTypeParameters().isEmpty()) {
        return null; // a generic method: its type arguments are inferred from the call
      }
      TypeElement returned = coroutineValue(overload.getReturnType());
      if (returned == null || (value != null && !value.equals(returned))) {
        return null; // which overload is called decides the type
      }
      value = returned;
    }
    if (value == null || DeclaredTypes.isGeneric(value)) {
      return null;
    }
    String simpleName = value.getSimpleName().toString();
    if (!value.equals(method.scope().visibleType(simpleName)) || shadowedInStateMachine(method, simpleName)) {
      return null;
    }
    // In the unnamed package a member type is not imported but named through its class.
    return method.scope().packageName().isEmpty() && value.getEnclosingElement() instanceof TypeElement
        ? EnclosingScope.nameInPackage(value)
        : simpleName;
  }

  /** {@code T} of {@code Coroutine<T>}, if {@code type} is that and {@code T} a class. */
  private static TypeElement coroutineValue(TypeMirror type) {
    if (type instanceof DeclaredType declared
        && ((TypeElement) declared.asElement()).getQualifiedName().contentEquals(RuntimeNames.COROUTINE)
        && declared.getTypeArguments().size() == 1
        && declared.getTypeArguments().get(0) instanceof DeclaredType value) {
      return (TypeElement) value.asElement();
    }
    return null;
  }

  /** Whether a name the state machine declares (a type variable, {@code Privates}) hides it. */
  private static boolean shadowedInStateMachine(AsyncMethod method, String simpleName) {
    if (simpleName.equals(PrivateAccess.CLASS)) {
      return true;
    }
    for (TypeParameterElement parameter : method.element().getTypeParameters()) {
      if (parameter.getSimpleName().contentEquals(simpleName)) {
        return true;
      }
    }
    for (TypeElement type : method.scope().enclosingClasses()) {
      for (TypeParameterElement parameter : type.getTypeParameters()) {
        if (parameter.getSimpleName().contentEquals(simpleName)) {
          return true;
        }
      }
    }
    return false;
  }
}
