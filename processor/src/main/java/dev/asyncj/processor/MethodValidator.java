package dev.asyncj.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Checks an {@code @Async} method before anything is generated for it: its signature, and the
 * things its body does that the state machine, a different class, could not do. Reports every
 * problem it finds; the caller generates nothing for a method with errors.
 */
final class MethodValidator {
  private final ErrorReporter errors;
  private final Elements elements;

  MethodValidator(ErrorReporter errors, Elements elements) {
    this.errors = errors;
    this.elements = elements;
  }

  /** Checks the declaration; false if the method has no body worth looking at. */
  boolean validateSignature(ExecutableElement method) {
    int before = errors.errorCount();
    String name = method.getSimpleName() + "()";
    TypeMirror returnType = method.getReturnType();
    if (returnType.getKind() != TypeKind.ERROR && !isCoroutine(returnType)) {
      String valueType =
          returnType.getKind() == TypeKind.VOID
              ? "Void"
              : returnType.getKind().isPrimitive()
                  ? boxedName(returnType.getKind())
                  : simpleName(returnType.toString());
      errors.error(
          method, Message.ASYNC_RETURN_TYPE, name, simpleName(returnType.toString()), valueType,
          method.getSimpleName());
    }
    if (method.getModifiers().contains(Modifier.ABSTRACT)) {
      errors.error(method, Message.ASYNC_ABSTRACT, name);
    }
    if (method.getModifiers().contains(Modifier.NATIVE)) {
      errors.error(method, Message.ASYNC_NATIVE, name);
    }
    if (method.getModifiers().contains(Modifier.SYNCHRONIZED)) {
      errors.error(method, Message.SYNCHRONIZED_ASYNC_METHOD, name);
    }
    return errors.errorCount() == before;
  }

  /** Checks what the body uses; reports each problem at its tree. */
  void validateBody(AsyncMethod method) {
    CompilationUnitTree unit = method.source().unit();
    BodyNames names = method.names();
    String methodName = method.element().getSimpleName() + "()";
    for (TreePath reference : names.thisReferences()) {
      Tree tree = reference.getLeaf();
      if (isSuper(tree)) {
        Tree parent = reference.getParentPath().getLeaf();
        String member =
            parent instanceof MemberSelectTree select ? select.getIdentifier().toString() : "";
        String capitalised =
            member.isEmpty() ? "" : Character.toUpperCase(member.charAt(0)) + member.substring(1);
        errors.error(parent, unit, Message.SUPER_IN_ASYNC, member, methodName, capitalised, member);
      } else if (tree instanceof MemberSelectTree qualified) {
        Optional<TypeElement> named =
            method.scope().enclosingClassNamed(ApiCalls.qualifiedName(qualified.getExpression()));
        boolean reachable =
            named.isPresent()
                && (named.get() == method.owner() || named.get() == method.outerClass());
        if (!reachable) {
          errors.error(tree, unit, Message.OUTER_INSTANCE, qualified.toString(), methodName);
        }
      }
    }
    for (BodyNames.FreeName free : names.freeNames()) {
      if (free.inCaseLabel()) {
        continue;
      }
      Optional<EnclosingScope.Member> found = method.scope().member(free.name(), free.isMethod());
      if (found.isEmpty()) {
        continue;
      }
      EnclosingScope.Member member = found.get();
      Tree tree = free.path().getLeaf();
      if (free.inNestedClass()) {
        // A nested class of the body becomes a class of its own, which cannot reach private members.
        if (member.allPrivate()
            && (free.inUnknownClass()
                ? member.owner() == method.owner()
                : !EnclosingScope.isRecordComponentField(member.first()))) {
          errors.error(tree, unit, Message.PRIVATE_MEMBER, describe(member.first()), methodName,
              method.stateMachineName());
          continue;
        }
        if (free.inUnknownClass()) {
          continue; // copied as it is written
        }
      }
      checkAccess(method, member, tree, unit);
      if (!member.isStatic()
          && !method.isStatic()
          && member.owner() != method.owner()
          && member.owner() != method.outerClass()) {
        errors.error(tree, unit, Message.OUTER_INSTANCE, free.name(), methodName);
      }
    }
    new TreePathScanner<Void, Void>() {
      private int lambdasAndClasses; // their returns are their own
      private int classes; // nested class bodies: they become classes of their own

      @Override
      public Void visitLambdaExpression(com.sun.source.tree.LambdaExpressionTree tree, Void unused) {
        lambdasAndClasses++;
        super.visitLambdaExpression(tree, null);
        lambdasAndClasses--;
        return null;
      }

      @Override
      public Void visitClass(com.sun.source.tree.ClassTree tree, Void unused) {
        lambdasAndClasses++;
        classes++;
        super.visitClass(tree, null);
        classes--;
        lambdasAndClasses--;
        return null;
      }

      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        if (lambdasAndClasses == 0
            && tree.getExpression() != null
            && tree.getExpression().getKind() == Tree.Kind.NULL_LITERAL) {
          errors.error(tree, unit, Message.RETURN_NULL, methodName);
        }
        return super.visitReturn(tree, null);
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
        // this.x, Outer.this.x: the member must be visible from the state machine too.
        if (names.isThisReference(tree.getExpression())) {
          String member = tree.getIdentifier().toString();
          Tree parent = getCurrentPath().getParentPath().getLeaf();
          boolean isMethod =
              parent instanceof com.sun.source.tree.MethodInvocationTree call
                  && call.getMethodSelect() == tree;
          Optional<EnclosingScope.Member> found =
              method.classOfThis(tree.getExpression())
                  .flatMap(type -> method.scope().memberOf(type, member, isMethod));
          if (found.isPresent()
              && classes > 0
              && found.get().allPrivate()
              && !EnclosingScope.isRecordComponentField(found.get().first())) {
            // As for a private member named without Outer.this in a nested class.
            errors.error(tree, unit, Message.PRIVATE_MEMBER, describe(found.get().first()),
                methodName, method.stateMachineName());
          } else {
            found.ifPresent(reached -> checkAccess(method, reached, tree, unit));
          }
        }
        return super.visitMemberSelect(tree, null);
      }
    }.scan(new TreePath(method.path(), method.tree().getBody()), null);
  }

  private static String describe(Element member) {
    return (member instanceof ExecutableElement ? "Method " : "Field ")
        + EnclosingScope.nameInPackage((TypeElement) member.getEnclosingElement())
        + "."
        + member.getSimpleName()
        + (member instanceof ExecutableElement ? "()" : "");
  }

  private void checkAccess(
      AsyncMethod method, EnclosingScope.Member member, Tree tree, CompilationUnitTree unit) {
    Element first = member.first();
    String description = describe(first);
    String methodName = method.element().getSimpleName() + "()";
    if (member.allPrivate()
        && !EnclosingScope.isRecordComponentField(first)
        && !method.privateAccess().canReach(member)) {
      errors.error(tree, unit, Message.PRIVATE_MEMBER, description, methodName, method.stateMachineName());
      return;
    }
    boolean allProtectedElsewhere =
        member.elements().stream()
            .allMatch(
                e ->
                    e.getModifiers().contains(Modifier.PROTECTED)
                        && !EnclosingScope.isInPackage(
                            e, method.scope().packageName(), elements));
    if (allProtectedElsewhere) {
      errors.error(
          tree,
          unit,
          Message.PROTECTED_MEMBER_OF_OTHER_PACKAGE,
          description,
          elements.getPackageOf(first).getQualifiedName(),
          methodName,
          method.stateMachineName());
    }
  }

  private static boolean isSuper(Tree tree) {
    return tree.toString().equals("super") || tree.toString().endsWith(".super");
  }

  private static boolean isCoroutine(TypeMirror type) {
    return type instanceof DeclaredType declared
        && ((TypeElement) declared.asElement()).getQualifiedName().contentEquals(RuntimeNames.COROUTINE);
  }

  private static String boxedName(TypeKind kind) {
    switch (kind) {
      case INT:
        return "Integer";
      case CHAR:
        return "Character";
      default:
        String name = kind.name().toLowerCase();
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
  }

  private static String simpleName(String qualified) {
    return qualified.replaceAll("\\b[a-z][a-z0-9_]*\\.", "");
  }
}
