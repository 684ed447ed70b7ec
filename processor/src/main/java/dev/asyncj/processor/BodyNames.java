package dev.asyncj.processor;

import com.sun.source.tree.AnnotatedTypeTree;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WildcardTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * What each simple name in an {@code @Async} method's body refers to, worked out from the source
 * alone (bodies are not attributed while annotations are processed): a parameter or local of the
 * method, a name declared by a nested class, or a free name (a member of the enclosing classes, an
 * import, a type, a package). Follows Java's scoping: blocks, {@code for}, {@code catch}, resources,
 * lambda parameters, switch blocks, nested class bodies; a pattern variable is taken to be in scope
 * to the end of its block, which is wider than Java's rule but never resolves a name differently,
 * since Java forbids a local to shadow another.
 */
final class BodyNames {
  /**
   * An unqualified name that no local declares: a member, an import, a type or a package.
   *
   * @param inNestedClass whether it is in the body of a class declared in the method (an anonymous
   *     class): that class becomes a nested class of the state machine
   * @param inUnknownClass whether a class around it in the method extends a type whose members are
   *     not known (a class declared in the method itself): the name may be one of them
   */
  record FreeName(
      TreePath path,
      String name,
      boolean isMethod,
      boolean inCaseLabel,
      boolean inNestedClass,
      boolean inUnknownClass) {}

  private final List<LocalVariable> variables = new ArrayList<>();
  private final Map<Tree, LocalVariable> declarations = new IdentityHashMap<>();
  private final Map<Tree, LocalVariable> references = new IdentityHashMap<>();
  private final Map<Tree, FreeName> freeNames = new IdentityHashMap<>();
  private final Map<Tree, TreePath> thisReferences = new IdentityHashMap<>();
  private final Set<String> allNames = new HashSet<>();
  /** Names of the classes declared in the body: a type so named is not the member type. */
  private final Set<String> classesOfTheBody = new HashSet<>();
  private final EnclosingScope enclosing;

  private BodyNames(EnclosingScope enclosing) {
    this.enclosing = enclosing;
  }

  /**
   * Resolves the names of the method at {@code method}; {@code enclosing} tells which members the
   * supertypes of its nested classes have.
   */
  static BodyNames of(TreePath method, EnclosingScope enclosing) {
    BodyNames names = new BodyNames(enclosing);
    names.new Resolver().scanMethod(method);
    return names;
  }

  /** Parameters first, then locals in source order. */
  List<LocalVariable> variables() {
    return variables;
  }

  /** The variable a {@code VariableTree} declares. */
  LocalVariable declaredBy(Tree declaration) {
    return declarations.get(declaration);
  }

  /** The variable an identifier refers to, or null. */
  LocalVariable referencedBy(Tree identifier) {
    return references.get(identifier);
  }

  /** Every reference to a variable, for the analyses that need them all. */
  Map<Tree, LocalVariable> references() {
    return references;
  }

  FreeName freeName(Tree identifier) {
    return freeNames.get(identifier);
  }

  Iterable<FreeName> freeNames() {
    return freeNames.values();
  }

  /** Whether {@code identifier} is {@code this}, {@code super} or {@code X.this} of the method. */
  boolean isThisReference(Tree tree) {
    return thisReferences.containsKey(tree);
  }

  Iterable<TreePath> thisReferences() {
    return thisReferences.values();
  }

  /** Whether a local or nested class of the body has the simple name {@code name}. */
  boolean declaresClass(String name) {
    return classesOfTheBody.contains(name);
  }

  /** Every simple name written in the body, for choosing names that cannot clash. */
  Set<String> allNames() {
    return allNames;
  }

  /**
   * One level of scope; a nested class body also hides the outer names of its members, declared or
   * inherited.
   */
  private static final class Scope {
    final Scope parent;
    final Map<String, LocalVariable> variables = new HashMap<>();
    final Set<String> classFields;
    final Set<String> classMethods;
    final boolean membersKnown;

    Scope(Scope parent, Set<String> classFields, Set<String> classMethods, boolean membersKnown) {
      this.parent = parent;
      this.classFields = classFields;
      this.classMethods = classMethods;
      this.membersKnown = membersKnown;
    }
  }

  private final class Resolver extends TreePathScanner<Void, Void> {
    private Scope scope;
    private int nestedDepth; // lambdas and nested classes around the current tree
    private int classDepth; // nested class bodies around the current tree
    private Set<Tree> caseConstants = Set.of();

    void scanMethod(TreePath method) {
      MethodTree tree = (MethodTree) method.getLeaf();
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitClass(ClassTree tree, Void unused) {
          classesOfTheBody.add(tree.getSimpleName().toString());
          return super.visitClass(tree, null);
        }
      }.scan(tree.getBody(), null);
      scope = new Scope(null, null, null, true);
      for (VariableTree parameter : tree.getParameters()) {
        declare(parameter, new TreePath(method, parameter), LocalVariable.Kind.PARAMETER);
      }
      if (tree.getBody() != null) {
        scan(new TreePath(method, tree.getBody()), null);
      }
    }

    private void declare(VariableTree tree, TreePath path, LocalVariable.Kind kind) {
      LocalVariable variable = new LocalVariable(tree.getName().toString(), kind, path);
      variables.add(variable);
      declarations.put(tree, variable);
      scope.variables.put(variable.name(), variable);
      allNames.add(variable.name());
    }

    private void push() {
      scope = new Scope(scope, null, null, true);
    }

    private void pop() {
      scope = scope.parent;
    }

    /** The local a variable name refers to, or null if it is free or a nested class's member. */
    private Object lookUpVariable(String name) {
      for (Scope s = scope; s != null; s = s.parent) {
        LocalVariable variable = s.variables.get(name);
        if (variable != null) {
          return variable;
        }
        if (s.classFields != null && s.classFields.contains(name)) {
          return Boolean.FALSE; // a member of a nested class: leave it alone
        }
      }
      return null;
    }

    /** Whether a nested class around the current tree has a supertype with unknown members. */
    private boolean inUnknownClass() {
      for (Scope s = scope; s != null; s = s.parent) {
        if (!s.membersKnown) {
          return true;
        }
      }
      return false;
    }

    private boolean methodOfNestedClass(String name) {
      for (Scope s = scope; s != null; s = s.parent) {
        if (s.classMethods != null && s.classMethods.contains(name)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public Void visitBlock(BlockTree tree, Void unused) {
      push();
      super.visitBlock(tree, null);
      pop();
      return null;
    }

    @Override
    public Void visitVariable(VariableTree tree, Void unused) {
      // The type is a type context, not an expression: not scanned.
      scan(tree.getModifiers(), null);
      scan(tree.getInitializer(), null);
      declare(
          tree,
          getCurrentPath(),
          nestedDepth > 0 ? LocalVariable.Kind.NESTED : LocalVariable.Kind.LOCAL);
      return null;
    }

    @Override
    public Void visitForLoop(ForLoopTree tree, Void unused) {
      push();
      super.visitForLoop(tree, null);
      pop();
      return null;
    }

    @Override
    public Void visitEnhancedForLoop(EnhancedForLoopTree tree, Void unused) {
      scan(tree.getExpression(), null);
      push();
      scan(tree.getVariable(), null);
      scan(tree.getStatement(), null);
      pop();
      return null;
    }

    @Override
    public Void visitCatch(CatchTree tree, Void unused) {
      push();
      super.visitCatch(tree, null);
      pop();
      return null;
    }

    @Override
    public Void visitTry(TryTree tree, Void unused) {
      push();
      scan(tree.getResources(), null);
      scan(tree.getBlock(), null);
      pop();
      scan(tree.getCatches(), null);
      scan(tree.getFinallyBlock(), null);
      return null;
    }

    @Override
    public Void visitSwitch(SwitchTree tree, Void unused) {
      scan(tree.getExpression(), null);
      push(); // one scope for the whole switch block, as Java has for case: groups
      scan(tree.getCases(), null);
      pop();
      return null;
    }

    @Override
    public Void visitCase(CaseTree tree, Void unused) {
      // Constant labels are resolved against the selector's type (an enum constant) or are
      // constants; the traversal of the rest (body, and on newer JDKs patterns and guards) is
      // the JDK's own.
      Set<Tree> outer = caseConstants;
      caseConstants = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      caseConstants.addAll(tree.getExpressions());
      super.visitCase(tree, null);
      caseConstants = outer;
      return null;
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
      nestedDepth++;
      push();
      super.visitLambdaExpression(tree, null);
      pop();
      nestedDepth--;
      return null;
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      Set<String> fields = new HashSet<>();
      Set<String> methods = new HashSet<>();
      for (Tree member : tree.getMembers()) {
        if (member instanceof VariableTree field) {
          fields.add(field.getName().toString());
        } else if (member instanceof MethodTree method) {
          methods.add(method.getName().toString());
        }
      }
      boolean known = addInheritedMembers(tree, fields, methods);
      nestedDepth++;
      classDepth++;
      scope = new Scope(scope, fields, methods, known);
      // Only the members: the class's name, supertypes and type parameters are types.
      scan(tree.getMembers(), null);
      pop();
      classDepth--;
      nestedDepth--;
      return null;
    }

    /**
     * Adds the names of the members that the class at the current path inherits, from the type an
     * anonymous class is created from or the types a class extends and implements; false if one of
     * those types is not known.
     */
    private boolean addInheritedMembers(ClassTree tree, Set<String> fields, Set<String> methods) {
      List<Tree> supertypes = new ArrayList<>();
      if (getCurrentPath().getParentPath().getLeaf() instanceof NewClassTree creation
          && creation.getClassBody() == tree) {
        supertypes.add(creation.getIdentifier());
      } else {
        if (tree.getExtendsClause() != null) {
          supertypes.add(tree.getExtendsClause());
        }
        supertypes.addAll(tree.getImplementsClause());
      }
      if (tree.getExtendsClause() == null) {
        String implicit =
            switch (tree.getKind()) {
              case ENUM -> "java.lang.Enum";
              case RECORD -> "java.lang.Record";
              default -> "java.lang.Object";
            };
        addNames(enclosing.membersOfClass(implicit), fields, methods);
      }
      for (Tree supertype : supertypes) {
        Tree leftmost = supertype;
        while (!(leftmost instanceof IdentifierTree)) {
          if (leftmost instanceof ParameterizedTypeTree parameterized) {
            leftmost = parameterized.getType();
          } else if (leftmost instanceof MemberSelectTree select) {
            leftmost = select.getExpression();
          } else if (leftmost instanceof AnnotatedTypeTree annotated) {
            leftmost = annotated.getUnderlyingType();
          } else {
            return false;
          }
        }
        if (classesOfTheBody.contains(((IdentifierTree) leftmost).getName().toString())) {
          return false;
        }
        Optional<List<Element>> members = enclosing.membersOfType(supertype);
        if (members.isEmpty()) {
          return false;
        }
        addNames(members.get(), fields, methods);
      }
      return true;
    }

    private void addNames(List<Element> members, Set<String> fields, Set<String> methods) {
      for (Element member : members) {
        if (member.getKind() == ElementKind.METHOD) {
          methods.add(member.getSimpleName().toString());
        } else if (member.getKind().isField()) {
          fields.add(member.getSimpleName().toString());
        }
      }
    }

    @Override
    public Void visitMethod(MethodTree tree, Void unused) {
      // A method of a nested class.
      push();
      scan(tree.getParameters(), null);
      scan(tree.getBody(), null);
      pop();
      return null;
    }

    @Override
    public Void visitIdentifier(IdentifierTree tree, Void unused) {
      String name = tree.getName().toString();
      allNames.add(name);
      if (name.equals("this") || name.equals("super")) {
        if (classDepth == 0) {
          thisReferences.put(tree, getCurrentPath());
        }
        return null;
      }
      Object found = lookUpVariable(name);
      if (found instanceof LocalVariable variable) {
        references.put(tree, variable);
      } else if (found == null) {
        freeNames.put(
            tree,
            new FreeName(
                getCurrentPath(),
                name,
                false,
                caseConstants.contains(tree),
                classDepth > 0,
                inUnknownClass()));
      }
      return null;
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
      if (tree.getMethodSelect() instanceof IdentifierTree name) {
        String method = name.getName().toString();
        allNames.add(method);
        if (method.equals("this") || method.equals("super")) {
          if (classDepth == 0) {
            thisReferences.put(name, new TreePath(getCurrentPath(), name));
          }
        } else if (!methodOfNestedClass(method)) {
          freeNames.put(
              name,
              new FreeName(
                  new TreePath(getCurrentPath(), name),
                  method,
                  true,
                  false,
                  classDepth > 0,
                  inUnknownClass()));
        }
      } else {
        scan(tree.getMethodSelect(), null);
      }
      scan(tree.getArguments(), null);
      return null;
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
      String member = tree.getIdentifier().toString();
      if (member.equals("class")) {
        return null; // a class literal: the left side is a type
      }
      if ((member.equals("this") || member.equals("super"))
          && (classDepth == 0 || namesAnInstanceOfTheMethod(tree))) {
        thisReferences.put(tree, getCurrentPath());
        return null;
      }
      return super.visitMemberSelect(tree, null);
    }

    /**
     * Whether {@code X.this} or {@code X.super}, inside a class declared in the body, is the
     * method's object or an instance around it, as it is when {@code X} is a class around the
     * method. {@code Runnable.super} is the nested class's own (an interface it implements), as is
     * {@code Local.this} of a class declared in the body.
     */
    private boolean namesAnInstanceOfTheMethod(MemberSelectTree tree) {
      String qualifier = ApiCalls.qualifiedName(tree.getExpression());
      if (classesOfTheBody.contains(qualifier)) {
        return false;
      }
      Optional<TypeElement> named = enclosing.enclosingClassNamed(qualifier);
      return named.isPresent()
          && !(tree.getIdentifier().contentEquals("super") && named.get().getKind().isInterface());
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
      scan(tree.getQualifierExpression(), null);
      return null;
    }

    @Override
    public Void visitNewClass(NewClassTree tree, Void unused) {
      scan(tree.getEnclosingExpression(), null);
      scan(tree.getArguments(), null);
      scan(tree.getClassBody(), null);
      return null;
    }

    @Override
    public Void visitNewArray(NewArrayTree tree, Void unused) {
      scan(tree.getDimensions(), null);
      scan(tree.getInitializers(), null);
      return null;
    }

    @Override
    public Void visitTypeCast(TypeCastTree tree, Void unused) {
      scan(tree.getExpression(), null);
      return null;
    }

    @Override
    public Void visitInstanceOf(InstanceOfTree tree, Void unused) {
      scan(tree.getExpression(), null);
      Tree pattern = tree.getPattern();
      if (pattern != null) {
        scan(pattern, null);
      }
      return null;
    }

    // Type contexts: nothing in them is a variable.

    @Override
    public Void visitParameterizedType(ParameterizedTypeTree tree, Void unused) {
      return null;
    }

    @Override
    public Void visitArrayType(ArrayTypeTree tree, Void unused) {
      return null;
    }

    @Override
    public Void visitPrimitiveType(PrimitiveTypeTree tree, Void unused) {
      return null;
    }

    @Override
    public Void visitWildcard(WildcardTree tree, Void unused) {
      return null;
    }

    @Override
    public Void visitUnionType(UnionTypeTree tree, Void unused) {
      return null;
    }

    @Override
    public Void visitAnnotation(AnnotationTree tree, Void unused) {
      return null;
    }
  }
}
