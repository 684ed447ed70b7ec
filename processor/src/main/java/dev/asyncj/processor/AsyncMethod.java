package dev.asyncj.processor;

import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * One {@code @Async} method being transformed, with everything the steps share: its element and
 * tree, its file's text, and what its names refer to.
 */
final class AsyncMethod {
  // Compiled once: these are asked for every method, on files with a thousand of them.
  private static final Pattern TYPE_ARGUMENTS = Pattern.compile("<.*>");
  private static final Pattern PACKAGE_PREFIX = Pattern.compile("\\b[a-z][a-z0-9_]*\\.");

  private final ExecutableElement element;
  private final TypeElement owner;
  private final TreePath path;
  private final SourceFile source;
  private final ApiCalls api;
  private final EnclosingScope scope;
  private final BodyNames names;
  private final String stateMachineName;
  private final PrivateAccess privateAccess;
  private boolean usesOuterInstance;

  AsyncMethod(
      ExecutableElement element,
      TreePath path,
      SourceFile source,
      ApiCalls api,
      EnclosingScope scope,
      String stateMachineName) {
    this.element = element;
    this.owner = (TypeElement) element.getEnclosingElement();
    this.path = path;
    this.source = source;
    this.api = api;
    this.scope = scope;
    this.names = BodyNames.of(path, scope);
    this.stateMachineName = stateMachineName;
    this.privateAccess = new PrivateAccess(owner);
  }

  /** The private members of the method's class that its body uses. */
  PrivateAccess privateAccess() {
    return privateAccess;
  }

  ExecutableElement element() {
    return element;
  }

  /** The class that declares the method. */
  TypeElement owner() {
    return owner;
  }

  TreePath path() {
    return path;
  }

  MethodTree tree() {
    return (MethodTree) path.getLeaf();
  }

  SourceFile source() {
    return source;
  }

  ApiCalls api() {
    return api;
  }

  EnclosingScope scope() {
    return scope;
  }

  BodyNames names() {
    return names;
  }

  /**
   * The class whose instance a {@code this} of the method ({@link BodyNames#isThisReference})
   * is: the method's own class for {@code this}, {@code X} for {@code X.this}. Empty for {@code
   * super}, or an {@code X} that is no class around the method.
   */
  Optional<TypeElement> classOfThis(Tree thisReference) {
    if (thisReference instanceof IdentifierTree identifier) {
      return identifier.getName().contentEquals("this") ? Optional.of(owner) : Optional.empty();
    }
    if (thisReference instanceof MemberSelectTree qualified
        && qualified.getIdentifier().contentEquals("this")) {
      return scope.enclosingClassNamed(ApiCalls.qualifiedName(qualified.getExpression()));
    }
    return Optional.empty();
  }

  /**
   * The class whose instance encloses {@code this}, when the method belongs to an inner
   * (non-static member) class: the state machine is given that instance too. Null otherwise.
   */
  TypeElement outerClass() {
    if (isStatic()
        || owner.getNestingKind() != javax.lang.model.element.NestingKind.MEMBER
        || owner.getModifiers().contains(Modifier.STATIC)
        || owner.getKind().isInterface()
        || owner.getKind() == javax.lang.model.element.ElementKind.ENUM
        || owner.getKind() == javax.lang.model.element.ElementKind.RECORD) {
      return null;
    }
    javax.lang.model.element.Element enclosing = owner.getEnclosingElement();
    return enclosing instanceof TypeElement type && !type.getKind().isInterface() ? type : null;
  }

  /**
   * Records that the copied code uses the enclosing instance ({@code outer}). Only then does the
   * state machine take it: javac 18 and later keep no field for it in an inner class that does not
   * use it, so there may be nothing to pass.
   */
  void useOuterInstance() {
    usesOuterInstance = true;
  }

  /** Whether the state machine needs the enclosing instance; see {@link #useOuterInstance}. */
  boolean usesOuterInstance() {
    return usesOuterInstance;
  }

  boolean isStatic() {
    return element.getModifiers().contains(Modifier.STATIC);
  }

  /** The simple name of the generated class, e.g. {@code Download$printNumbers}. */
  String stateMachineName() {
    return stateMachineName;
  }

  /** Python's {@code __qualname__}: {@code Download.printNumbers}, {@code Outer.Inner.run}. */
  String qualifiedName() {
    return EnclosingScope.nameInPackage(owner) + "." + element.getSimpleName();
  }

  /** How the method is shown in messages: {@code Download.printNumbers(int, String)}. */
  String displayName() {
    return qualifiedName()
        + element.getParameters().stream()
            .map(VariableElement::asType)
            .map(Object::toString)
            .map(AsyncMethod::simpleTypeName)
            .collect(Collectors.joining(", ", "(", ")"));
  }

  /** The method as a Javadoc link target, with simple type names: {@code fetch(int, String)}. */
  String javadocSignature() {
    return element.getSimpleName()
        + element.getParameters().stream()
            .map(p -> simpleTypeName(TYPE_ARGUMENTS.matcher(p.asType().toString()).replaceAll("")))
            .collect(Collectors.joining(", ", "(", ")"));
  }

  private static String simpleTypeName(String qualified) {
    return PACKAGE_PREFIX.matcher(qualified).replaceAll("");
  }
}
