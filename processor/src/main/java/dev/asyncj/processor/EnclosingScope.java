package dev.asyncj.processor;

import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The names an {@code @Async} method sees beyond its own locals: the members of its class and of
 * the classes around it, the imports of its file, and the types of its package. Answers the two
 * questions the transformation asks of a name without attributing the body: which member an
 * unqualified name is (so that the state machine can qualify it), and whether {@code a.b.c} is a
 * type, a package or a value.
 */
final class EnclosingScope {
  /** What a chain of names denotes, as in JLS 6.5.2. */
  enum Kind {
    PACKAGE,
    TYPE,
    VALUE
  }

  /**
   * A member of an enclosing class that an unqualified name refers to.
   *
   * @param owner the enclosing class in which the name was found (the innermost that has it)
   * @param elements the members of {@code owner} with that name (overloads for a method)
   */
  record Member(TypeElement owner, List<Element> elements) {
    boolean isStatic() {
      return elements.stream().allMatch(e -> e.getModifiers().contains(Modifier.STATIC));
    }

    boolean allPrivate() {
      return elements.stream().allMatch(e -> e.getModifiers().contains(Modifier.PRIVATE));
    }

    boolean anyPrivate() {
      return elements.stream().anyMatch(e -> e.getModifiers().contains(Modifier.PRIVATE));
    }

    Element first() {
      return elements.get(0);
    }
  }

  private final Elements elements;
  private final List<TypeElement> enclosingClasses; // innermost first
  private final CompilationUnitTree unit;
  private final String packageName;
  /** The members of each class looked into, by simple name: built once, asked for every name. */
  private final Map<TypeElement, Map<String, List<Element>>> membersByName = new HashMap<>();
  private List<TypeElement> memberTypes;
  /**
   * Looked-up classes by qualified name, and simple names by what they denote, found or not: a
   * class javac does not have costs it a search of the class path each time it is asked for.
   */
  private final Map<String, Optional<TypeElement>> typeElements = new HashMap<>();
  private final Map<String, Optional<TypeElement>> visibleTypes = new HashMap<>();

  EnclosingScope(Elements elements, TypeElement methodClass, CompilationUnitTree unit) {
    this.elements = elements;
    this.unit = unit;
    this.enclosingClasses = new ArrayList<>();
    for (Element e = methodClass; e instanceof TypeElement type; e = e.getEnclosingElement()) {
      enclosingClasses.add(type);
    }
    this.packageName = elements.getPackageOf(methodClass).getQualifiedName().toString();
  }

  /** The classes around the method, innermost (the method's own) first. */
  List<TypeElement> enclosingClasses() {
    return enclosingClasses;
  }

  /**
   * The enclosing class that {@code name}, the {@code X} of an {@code X.this} or {@code X.super},
   * names: written as its simple name, as {@code Outer.Inner}, or fully qualified. Empty for any
   * other class (one declared in the method, or a supertype).
   */
  Optional<TypeElement> enclosingClassNamed(String name) {
    for (TypeElement type : enclosingClasses) {
      if (type.getSimpleName().contentEquals(name)
          || nameInPackage(type).equals(name)
          || type.getQualifiedName().contentEquals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /**
   * The member an unqualified name refers to: a field (or enum constant) for a variable name, the
   * methods of that name for a method name. Empty if no enclosing class has one, in which case the
   * name comes from an import, is a type, or a package.
   */
  Optional<Member> member(String name, boolean isMethod) {
    for (TypeElement type : enclosingClasses) {
      Optional<Member> found = memberOf(type, name, isMethod);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /**
   * The member of {@code type} (one of the enclosing classes; inherited members included) that
   * {@code Outer.this.name} refers to: a field for a variable name, the methods for a method name.
   */
  Optional<Member> memberOf(TypeElement type, String name, boolean isMethod) {
    List<Element> found = new ArrayList<>();
    for (Element member : membersNamed(type, name)) {
      boolean kindMatches =
          isMethod
              ? member.getKind() == ElementKind.METHOD
              : member.getKind() == ElementKind.FIELD
                  || member.getKind() == ElementKind.ENUM_CONSTANT;
      if (kindMatches) {
        found.add(member);
      }
    }
    return found.isEmpty() ? Optional.empty() : Optional.of(new Member(type, found));
  }

  /** The member types of the enclosing classes (inherited ones included) that code may name. */
  List<TypeElement> memberTypes() {
    if (memberTypes == null) {
      memberTypes = new ArrayList<>();
      for (TypeElement type : enclosingClasses) {
        memberTypes.addAll(ElementFilter.typesIn(elements.getAllMembers(type)));
      }
    }
    return memberTypes;
  }

  /**
   * The member type that the simple name {@code name} means in the method's class (the innermost
   * enclosing class that has one, inherited ones included), if any.
   */
  Optional<TypeElement> memberType(String name) {
    for (TypeElement type : memberTypes()) {
      if (type.getSimpleName().contentEquals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code member} is the private field of a record component: code in the record reads it
   * by name, and the state machine reads it through the component's public accessor instead.
   */
  static boolean isRecordComponentField(Element member) {
    Element owner = member.getEnclosingElement();
    return member.getKind() == ElementKind.FIELD
        && owner.getKind() == ElementKind.RECORD
        && ((TypeElement) owner).getRecordComponents().stream()
            .anyMatch(c -> c.getSimpleName().contentEquals(member.getSimpleName()));
  }

  /** Whether {@code field} is a constant: static, final, and of a constant value or enum. */
  static boolean isConstant(Element field) {
    return field instanceof VariableElement variable
        && variable.getModifiers().contains(Modifier.STATIC)
        && variable.getModifiers().contains(Modifier.FINAL);
  }

  /**
   * What {@code tree} (an identifier or a chain {@code a.b.c}) denotes, when its leftmost name is
   * not a local: a package, a type, or a value (a field read, a method's result). Anything that is
   * not a chain of names is a value.
   */
  Kind kindOf(ExpressionTree tree) {
    return resolve(tree).kind;
  }

  /** The class {@code tree} (an identifier or a chain {@code a.b.C}) names, or null if not a class. */
  TypeElement typeNamed(ExpressionTree tree) {
    Resolved resolved = resolve(tree);
    return resolved.kind == Kind.TYPE && resolved.element instanceof TypeElement type ? type : null;
  }

  /** The static final field {@code tree} reads, if it reads one (e.g. {@code System.out}). */
  Optional<VariableElement> constantField(ExpressionTree tree) {
    Resolved resolved = resolve(tree);
    return resolved.element instanceof VariableElement field && isConstant(field)
        ? Optional.of(field)
        : Optional.empty();
  }

  private record Resolved(Kind kind, Element element) {}

  private Resolved resolve(ExpressionTree tree) {
    if (tree instanceof IdentifierTree identifier) {
      String name = identifier.getName().toString();
      Optional<Member> field = member(name, false);
      if (field.isPresent()) {
        return new Resolved(Kind.VALUE, field.get().first());
      }
      TypeElement type = visibleType(name);
      if (type != null) {
        return new Resolved(Kind.TYPE, type);
      }
      Optional<VariableElement> imported = staticallyImportedField(name);
      if (imported.isPresent()) {
        return new Resolved(Kind.VALUE, imported.get());
      }
      return new Resolved(Kind.PACKAGE, elements.getPackageElement(name));
    }
    if (tree instanceof MemberSelectTree select) {
      Resolved left = resolve(select.getExpression());
      String name = select.getIdentifier().toString();
      switch (left.kind) {
        case PACKAGE:
          {
            String qualified = ApiCalls.qualifiedName(select);
            TypeElement type = typeElement(qualified);
            return type != null
                ? new Resolved(Kind.TYPE, type)
                : new Resolved(Kind.PACKAGE, elements.getPackageElement(qualified));
          }
        case TYPE:
          {
            if (left.element instanceof TypeElement owner) {
              for (Element member : membersNamed(owner, name)) {
                if (member instanceof TypeElement nested) {
                  return new Resolved(Kind.TYPE, nested);
                }
                if (member instanceof VariableElement field) {
                  return new Resolved(Kind.VALUE, field);
                }
              }
            }
            return new Resolved(Kind.VALUE, null);
          }
        default:
          return new Resolved(Kind.VALUE, null);
      }
    }
    return new Resolved(Kind.VALUE, null);
  }

  /**
   * The members, inherited ones included, of the class that {@code typeName} names (a type as
   * written in the method, {@code IntSupplier} in {@code new IntSupplier() {...}}); empty if it is
   * not a class this scope can find.
   */
  Optional<List<Element>> membersOfType(Tree typeName) {
    Optional<TypeElement> found = typeNamed(typeName);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    TypeElement type = found.get();
    List<Element> members = new ArrayList<>(elements.getAllMembers(type));
    if (type.getKind().isInterface()) {
      members.addAll(membersOfClass("java.lang.Object")); // a class implementing it has them too
    }
    return Optional.of(members);
  }

  /**
   * The class a type as written in the method names ({@code Till}, {@code Shop.Till<T>}, {@code
   * test.Shop.Till}), found among the enclosing classes' members, the imports and the packages;
   * empty if it is not such a class. A class declared in the method itself is not looked for: the
   * caller knows the names of those ({@link BodyNames#declaresClass}).
   */
  Optional<TypeElement> typeNamed(Tree typeName) {
    Tree raw = typeName;
    while (raw instanceof ParameterizedTypeTree || raw instanceof AnnotatedTypeTree) {
      raw =
          raw instanceof ParameterizedTypeTree parameterized
              ? parameterized.getType()
              : ((AnnotatedTypeTree) raw).getUnderlyingType();
    }
    Element found =
        raw instanceof IdentifierTree identifier
            ? visibleType(identifier.getName().toString())
            : raw instanceof MemberSelectTree select ? resolve(select).element : null;
    return found instanceof TypeElement type ? Optional.of(type) : Optional.empty();
  }

  /** The members, inherited ones included, of the JDK class {@code qualifiedName}. */
  List<Element> membersOfClass(String qualifiedName) {
    return new ArrayList<>(elements.getAllMembers(elements.getTypeElement(qualifiedName)));
  }

  /** The type a simple name denotes in the method's file, or null (JLS 6.4.1 shadowing order). */
  TypeElement visibleType(String name) {
    Optional<TypeElement> known = visibleTypes.get(name);
    if (known == null) {
      known = Optional.ofNullable(findVisibleType(name));
      visibleTypes.put(name, known);
    }
    return known.orElse(null);
  }

  private TypeElement findVisibleType(String name) {
    for (TypeElement type : enclosingClasses) {
      if (type.getSimpleName().contentEquals(name)) {
        return type;
      }
      for (Element member : membersNamed(type, name)) {
        if (member instanceof TypeElement memberType) {
          return memberType;
        }
      }
    }
    List<String> onDemand = new ArrayList<>();
    for (ImportTree anImport : unit.getImports()) {
      if (anImport.isStatic()) {
        continue;
      }
      String imported = anImport.getQualifiedIdentifier().toString();
      if (imported.endsWith("." + name)) {
        TypeElement type = typeElement(imported);
        if (type != null) {
          return type;
        }
      } else if (imported.endsWith(".*")) {
        onDemand.add(imported.substring(0, imported.length() - 2));
      }
    }
    TypeElement samePackage =
        typeElement(packageName.isEmpty() ? name : packageName + "." + name);
    if (samePackage != null) {
      return samePackage;
    }
    for (String container : onDemand) {
      TypeElement type = typeElement(container + "." + name);
      if (type != null) {
        return type;
      }
    }
    return typeElement("java.lang." + name);
  }

  private Optional<VariableElement> staticallyImportedField(String name) {
    for (ImportTree anImport : unit.getImports()) {
      if (!anImport.isStatic()) {
        continue;
      }
      String imported = anImport.getQualifiedIdentifier().toString();
      int dot = imported.lastIndexOf('.');
      String member = imported.substring(dot + 1);
      if (!member.equals(name) && !member.equals("*")) {
        continue;
      }
      TypeElement owner = typeElement(imported.substring(0, dot));
      if (owner == null) {
        continue;
      }
      for (VariableElement field : ElementFilter.fieldsIn(membersNamed(owner, name))) {
        return Optional.of(field);
      }
    }
    return Optional.empty();
  }

  /**
   * The simple names the file's static imports bring in, the member types of each class imported
   * on demand ({@code import static x.Y.*}) included: a type among them shadows the package's. Null
   * if such a class is unknown, so that what it brings cannot be told.
   */
  Set<String> staticallyImportedNames() {
    if (staticallyImportedNames == null) {
      Set<String> names = new HashSet<>();
      for (ImportTree anImport : unit.getImports()) {
        if (!anImport.isStatic()) {
          continue;
        }
        String imported = anImport.getQualifiedIdentifier().toString();
        String member = imported.substring(imported.lastIndexOf('.') + 1);
        if (!member.equals("*")) {
          names.add(member);
          continue;
        }
        TypeElement owner = typeElement(imported.substring(0, imported.length() - 2));
        if (owner == null) {
          return null;
        }
        names.addAll(memberTypeNames(owner));
      }
      staticallyImportedNames = names;
    }
    return staticallyImportedNames;
  }

  private Set<String> staticallyImportedNames;

  /** {@code Elements.getTypeElement}, remembered. */
  TypeElement typeElement(String qualifiedName) {
    Optional<TypeElement> known = typeElements.get(qualifiedName);
    if (known == null) {
      known = Optional.ofNullable(elements.getTypeElement(qualifiedName));
      typeElements.put(qualifiedName, known);
    }
    return known.orElse(null);
  }

  /** The simple names of the member types of {@code type}, inherited ones included. */
  private List<String> memberTypeNames(TypeElement type) {
    List<String> names = new ArrayList<>();
    membersByName(type).forEach((name, members) -> {
      if (members.stream().anyMatch(m -> m instanceof TypeElement)) {
        names.add(name);
      }
    });
    return names;
  }

  /** The members of {@code type}, inherited ones included, called {@code name}, in order. */
  private List<Element> membersNamed(TypeElement type, String name) {
    return membersByName(type).getOrDefault(name, List.of());
  }

  private Map<String, List<Element>> membersByName(TypeElement type) {
    Map<String, List<Element>> byName = membersByName.get(type);
    if (byName == null) {
      byName = new HashMap<>();
      for (Element member : elements.getAllMembers(type)) {
        byName.computeIfAbsent(member.getSimpleName().toString(), k -> new ArrayList<>()).add(member);
      }
      membersByName.put(type, byName);
    }
    return byName;
  }

  /** The package of the method's file; "" for the unnamed package. */
  String packageName() {
    return packageName;
  }

  /** {@code Outer.Inner} for a member type, relative to its package. */
  static String nameInPackage(TypeElement type) {
    StringBuilder name = new StringBuilder(type.getSimpleName());
    for (Element e = type.getEnclosingElement(); e instanceof TypeElement outer; e = e.getEnclosingElement()) {
      name.insert(0, outer.getSimpleName() + ".");
    }
    return name.toString();
  }

  static boolean isInPackage(Element element, String packageName, Elements elements) {
    PackageElement pkg = elements.getPackageOf(element);
    return pkg.getQualifiedName().contentEquals(packageName);
  }
}
