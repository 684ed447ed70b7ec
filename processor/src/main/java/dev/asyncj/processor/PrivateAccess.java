package dev.asyncj.processor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * The private members of its class that an {@code @Async} method uses. The state machine, another
 * class, reaches them through {@code privates}, typed as a nested class {@code Privates} that
 * declares those members without {@code private}: javac accepts that. The class-file step then
 * makes every use of {@code Privates} a use of the user's class itself and makes the state machine
 * a nestmate of it (JEP 181), so the JVM lets it use the private members directly.
 */
final class PrivateAccess {
  /** The field of the state machine that holds {@code this} typed as {@code Privates}. */
  static final String FIELD = "privates";

  /** The nested class of the state machine that declares the private members. */
  static final String CLASS = "Privates";

  private final TypeElement owner;
  private final Map<String, EnclosingScope.Member> fields = new LinkedHashMap<>();
  private final Map<String, EnclosingScope.Member> methods = new LinkedHashMap<>();

  PrivateAccess(TypeElement owner) {
    this.owner = owner;
  }

  /**
   * Whether {@code member} is a private member of the method's own class that this mechanism can
   * reach: not in an interface (its methods are called differently), and with nothing private in
   * its signature, which {@code Privates} could not name.
   */
  boolean canReach(EnclosingScope.Member member) {
    if (member.owner() != owner || owner.getKind().isInterface()) {
      return false;
    }
    for (Element element : member.elements()) {
      if (element.getEnclosingElement() != owner) {
        return false;
      }
      if (element instanceof VariableElement field && !nameable(field.asType())) {
        return false;
      }
      if (element instanceof ExecutableElement method) {
        if (!nameable(method.getReturnType())
            || method.getParameters().stream().anyMatch(p -> !nameable(p.asType()))
            || method.getThrownTypes().stream().anyMatch(t -> !nameable(t))) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean nameable(TypeMirror type) {
    if (type instanceof ArrayType array) {
      return nameable(array.getComponentType());
    }
    if (type instanceof DeclaredType declared) {
      Element element = declared.asElement();
      for (Element e = element; e instanceof TypeElement t; e = e.getEnclosingElement()) {
        if (t.getModifiers().contains(Modifier.PRIVATE)) {
          return false;
        }
      }
      return declared.getTypeArguments().stream().allMatch(PrivateAccess::nameable);
    }
    return true; // primitives, and type variables (declared by Privates too)
  }

  private boolean constructors;

  /** Whether {@code name} (as written in a {@code new}) is the method's own class. */
  boolean isOwnClass(String name) {
    return !owner.getKind().isInterface()
        && (name.equals(owner.getSimpleName().toString())
            || name.equals(EnclosingScope.nameInPackage(owner))
            || name.equals(owner.getQualifiedName().toString()));
  }

  /** Whether the class has a private constructor that code could call. */
  boolean hasPrivateConstructors() {
    return !privateConstructors().isEmpty();
  }

  /** The private constructors of the class, whose signatures name nothing private. */
  List<ExecutableElement> privateConstructors() {
    return javax.lang.model.util.ElementFilter.constructorsIn(owner.getEnclosedElements()).stream()
        .filter(c -> c.getModifiers().contains(Modifier.PRIVATE))
        .filter(c -> c.getParameters().stream().allMatch(p -> nameable(p.asType())))
        .toList();
  }

  /** Records that the code creates instances with a private constructor. */
  void useConstructors() {
    constructors = true;
  }

  boolean usesConstructors() {
    return constructors;
  }

  /**
   * The static factory of the state machine that stands for the private constructors: {@code
   * newWallet(...)}; its body is made to call the constructor by the class-file step.
   */
  String factoryName() {
    return "new" + owner.getSimpleName();
  }

  TypeElement owner() {
    return owner;
  }

  /** Records that the code uses {@code member} through {@code privates} or {@code Privates}. */
  void use(EnclosingScope.Member member, boolean isMethod) {
    String name = member.first().getSimpleName().toString();
    (isMethod ? methods : fields).putIfAbsent(name, member);
  }

  boolean isEmpty() {
    return fields.isEmpty() && methods.isEmpty() && !constructors;
  }

  /** Whether an instance member is used: then the {@code privates} field is needed. */
  boolean usesInstanceMembers() {
    return fields.values().stream().anyMatch(m -> !m.isStatic())
        || methods.values().stream().anyMatch(m -> !m.isStatic());
  }

  List<VariableElement> fields() {
    return fields.values().stream().map(m -> (VariableElement) m.first()).toList();
  }

  List<ExecutableElement> methods() {
    return methods.values().stream()
        .flatMap(m -> m.elements().stream())
        .map(ExecutableElement.class::cast)
        .toList();
  }

  /** How code refers to {@code member}: {@code privates.count} or {@code Privates.helper}. */
  static String qualifier(EnclosingScope.Member member) {
    return member.isStatic() ? CLASS : FIELD;
  }
}
