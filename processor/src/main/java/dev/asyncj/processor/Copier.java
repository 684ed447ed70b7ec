package dev.asyncj.processor;

import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Copies the user's code into the state machine exactly as written, except for the few edits that
 * moving it into another class requires: {@code this} becomes {@code self}, an unqualified member
 * of the user's class gets {@code self.} or its class name in front, a renamed local gets its new
 * name, {@code return done(x);} becomes {@code return x;}, and jumps out of the copied code become
 * state changes. A caller may also replace whole subtrees (an await by the value it produced).
 */
final class Copier {
  /** What a copied {@code break}, {@code continue} or {@code return} becomes; null keeps it. */
  interface Jumps {
    /**
     * @param jump the path of a {@code break} or {@code continue}
     * @param around what of the copied code itself lies between the jump and the copy's root
     */
    String rewriteJump(TreePath jump, Around around);

    /**
     * What a copied {@code return done(value);} becomes, given the copied {@code value} text.
     */
    String rewriteReturn(TreePath ret, String value, Around around);

    /**
     * What a copied {@code yield value;} becomes, given the copied {@code value} text; null keeps
     * it (its switch expression is copied too).
     */
    String rewriteYield(TreePath yield, String value, Around around);
  }

  /**
   * What the copied code puts around a jump that leaves it.
   *
   * @param loop a loop of the copied code: a plain {@code continue;} would continue that loop
   * @param cleanup a try of the copied code whose resources or {@code finally} the jump runs on its
   *     way out: until they have run, an exception from them belongs to the state the jump starts
   *     from, so the jump must not change {@code state} before leaving that try
   */
  record Around(boolean loop, boolean cleanup) {}

  /**
   * Gives the name of a final local holding a variable's current value, for a lambda or nested
   * class to capture instead of the variable's field (see {@link #needsCapturedCopy}).
   */
  interface Captures {
    String captured(LocalVariable variable);
  }

  private record Edit(int start, int end, String text) {}

  private final AsyncMethod method;
  private final Types types;
  private final Elements elements;
  private Captures captures;
  private Tree witnessRoot;

  Copier(AsyncMethod method, Types types, Elements elements) {
    this.method = method;
    this.types = types;
    this.elements = elements;
  }

  void setCaptures(Captures captures) {
    this.captures = captures;
  }

  /** The code of {@code path}'s tree, rewritten for the state machine. */
  String copy(TreePath path) {
    return copy(path, Map.of(), null);
  }

  /**
   * The code of {@code path}'s tree, for a lambda that only gives javac a type and is never run:
   * rewritten like {@link #copy(TreePath)}, but with nothing that has to run first.
   */
  String witness(TreePath path) {
    Captures saved = captures;
    Tree savedRoot = witnessRoot;
    captures = null;
    witnessRoot = path.getLeaf();
    try {
      return copy(path);
    } finally {
      captures = saved;
      witnessRoot = savedRoot;
    }
  }

  /**
   * Whether {@code variable} is declared inside the witness being copied: a lambda parameter or a
   * local of a switch arm. Its name gets a {@code $} there, since the witness lambda may stand where
   * a local of that name is already in scope.
   */
  private boolean declaredInWitness(LocalVariable variable) {
    if (witnessRoot == null) {
      return false;
    }
    SourceFile source = method.source();
    int at = source.start(variable.declarationTree());
    return at >= source.start(witnessRoot) && at < source.end(witnessRoot);
  }

  /**
   * Whether a lambda or nested class that uses {@code variable} must capture a copy of its value:
   * a local kept in a field and declared inside a loop gets a new value each round, where Java
   * gives each round's lambdas a variable of their own.
   */
  static boolean needsCapturedCopy(LocalVariable variable) {
    if (!variable.hoisted() || variable.kind() != LocalVariable.Kind.LOCAL) {
      return false;
    }
    for (TreePath p = variable.declaration().getParentPath(); p != null; p = p.getParentPath()) {
      Tree tree = p.getLeaf();
      if (tree instanceof com.sun.source.tree.MethodTree) {
        return false;
      }
      if (tree instanceof WhileLoopTree
          || tree instanceof DoWhileLoopTree
          || tree instanceof ForLoopTree
          || tree instanceof EnhancedForLoopTree) {
        return true;
      }
    }
    return false;
  }

  /**
   * The code of {@code path}'s tree, rewritten for the state machine, with each tree in {@code
   * overrides} replaced by its text and jumps rewritten by {@code jumps} (if not null).
   */
  String copy(TreePath path, Map<Tree, String> overrides, Jumps jumps) {
    Tree root = path.getLeaf();
    if (overrides.containsKey(root)) {
      return overrides.get(root);
    }
    SourceFile source = method.source();
    List<Edit> edits = new ArrayList<>();
    new EditScanner(overrides, jumps, edits).scan(path, null);
    edits.sort(Comparator.comparingInt(Edit::start));
    int start = source.start(root);
    int end = source.end(root);
    StringBuilder text = new StringBuilder();
    int at = start;
    for (Edit edit : edits) {
      if (edit.start < at) {
        throw new IllegalStateException("overlapping edits in " + source.text(start, end));
      }
      text.append(source.text(at, edit.start)).append(edit.text);
      at = edit.end;
    }
    text.append(source.text(at, end));
    return text.toString();
  }

  /** Whether a copied {@code try (r)} over a kept local became {@code try (var r = this.r)}. */
  boolean declaresResourcesForKeptLocals() {
    return declaresResources;
  }

  private boolean declaresResources;

  /** The qualified form of a free name, or empty if it needs none. */
  Optional<String> qualify(BodyNames.FreeName name) {
    Optional<EnclosingScope.Member> found = method.scope().member(name.name(), name.isMethod());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    EnclosingScope.Member member = found.get();
    if (name.inCaseLabel() && !EnclosingScope.isConstant(member.first())) {
      return Optional.empty(); // an enum constant label, resolved against the selector's type
    }
    boolean recordField = EnclosingScope.isRecordComponentField(member.first());
    // Not from a nested class: it becomes a class of its own, which privates does not reach.
    if (!recordField
        && !name.inNestedClass()
        && member.anyPrivate()
        && method.privateAccess().canReach(member)) {
      method.privateAccess().use(member, name.isMethod());
      return Optional.of(PrivateAccess.qualifier(member) + "." + name.name());
    }
    if (member.isStatic()) {
      return Optional.of(EnclosingScope.nameInPackage(member.owner()) + "." + name.name());
    }
    String accessor = recordField ? "()" : "";
    if (member.owner() != method.owner() && member.owner() == method.outerClass()) {
      if (member.first() instanceof VariableElement field && field.getConstantValue() != null) {
        // A constant variable, whose value javac writes in place of the name: the inner class
        // may hold no enclosing instance for it (javac 18+ leaves this$0 out if nothing uses it).
        return Optional.of(
            elements.getConstantExpression(field.getConstantValue()) + " /* " + name.name() + " */");
      }
      method.useOuterInstance();
      return Optional.of(StateMachineWriter.OUTER + "." + name.name() + accessor);
    }
    return Optional.of(StateMachineWriter.SELF + "." + name.name() + accessor);
  }

  /**
   * The variables a pattern declares, nested record patterns included (Java 21), found through the
   * JDK's own traversal, whose pattern trees are newer than the Java 17 API the processor is built
   * against.
   */
  static List<VariableTree> bindingsOf(Tree pattern) {
    List<VariableTree> bindings = new ArrayList<>();
    new com.sun.source.util.TreeScanner<Void, Void>() {
      @Override
      public Void visitBindingPattern(BindingPatternTree tree, Void unused) {
        bindings.add(tree.getVariable());
        return super.visitBindingPattern(tree, null);
      }
    }.scan(pattern, null);
    return bindings;
  }

  private final class EditScanner extends TreePathScanner<Void, Void> {
    private final Map<Tree, String> overrides;
    private final Jumps jumps;
    private final List<Edit> edits;
    private int nested; // lambdas and class bodies: their returns and jumps are their own
    private int classes; // class bodies: 'this' is theirs
    private int loops; // loops of the copied code around the current tree
    private int cleanups; // tries of the copied code whose closing or finally a jump from here runs
    // The kept locals that a try around the current tree declares as its resources.
    private final Set<LocalVariable> resourceLocals = new HashSet<>();

    EditScanner(Map<Tree, String> overrides, Jumps jumps, List<Edit> edits) {
      this.overrides = overrides;
      this.jumps = jumps;
      this.edits = edits;
    }

    private void replace(Tree tree, String text) {
      SourceFile source = method.source();
      edits.add(new Edit(source.start(tree), source.end(tree), text));
    }

    @Override
    public Void scan(Tree tree, Void unused) {
      if (tree != null && overrides.containsKey(tree)) {
        replace(tree, overrides.get(tree));
        return null;
      }
      return super.scan(tree, null);
    }

    @Override
    public Void visitIdentifier(IdentifierTree tree, Void unused) {
      BodyNames names = method.names();
      LocalVariable variable = names.referencedBy(tree);
      if (variable != null) {
        if (nested > 0 && captures != null && needsCapturedCopy(variable)) {
          replace(tree, captures.captured(variable));
        } else if (declaredInWitness(variable)) {
          replace(tree, variable.generatedName() + "$");
        } else if (!variable.generatedName().equals(variable.name())) {
          replace(tree, variable.generatedName());
        }
      } else if (names.isThisReference(tree)) {
        if (tree.getName().contentEquals("this")) {
          replace(tree, StateMachineWriter.SELF);
        }
      } else {
        BodyNames.FreeName free = names.freeName(tree);
        Optional<String> qualified =
            free != null && !free.inUnknownClass() ? qualify(free) : Optional.empty();
        if (qualified.isPresent()) {
          replace(tree, qualified.get());
        } else if (method.scope().packageName().isEmpty() && (free == null || !free.isMethod())) {
          // In the unnamed package a member type cannot be imported (JLS 7.5): name it through
          // its class, Shapes.Point, where the user wrote Point.
          method.scope()
              .memberType(tree.getName().toString())
              .filter(type -> type.getEnclosingElement() instanceof TypeElement)
              .ifPresent(type -> replace(tree, EnclosingScope.nameInPackage(type)));
        }
      }
      return null;
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
      if (tree.getMethodSelect() instanceof IdentifierTree name) {
        BodyNames.FreeName free = method.names().freeName(name);
        if (free != null && !free.inUnknownClass()) {
          qualify(free).ifPresent(text -> replace(name, text));
        }
      } else {
        scan(tree.getMethodSelect(), null);
      }
      scan(tree.getArguments(), null);
      return null;
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
      if (method.names().isThisReference(tree)) {
        if (tree.getIdentifier().contentEquals("this")) {
          // Till.this is the method's object, Shop.this the enclosing instance, also inside a
          // lambda or a nested class of the body (MethodValidator refuses any other).
          String named = ApiCalls.qualifiedName(tree.getExpression());
          method.scope().enclosingClassNamed(named).ifPresent(type -> {
            if (type == method.owner()) {
              replace(tree, StateMachineWriter.SELF);
            } else if (type == method.outerClass()) {
              method.useOuterInstance();
              replace(tree, StateMachineWriter.OUTER);
            }
          });
        }
        return null;
      }
      if (method.names().isThisReference(tree.getExpression())) {
        // this.side, Till.this.count: a member of that class, named otherwise where it is a
        // record's field or private.
        boolean isMethod =
            getCurrentPath().getParentPath().getLeaf() instanceof MethodInvocationTree call
                && call.getMethodSelect() == tree;
        String name = tree.getIdentifier().toString();
        Optional<EnclosingScope.Member> member =
            method.classOfThis(tree.getExpression())
                .filter(type -> type == method.owner())
                .flatMap(type -> method.scope().memberOf(type, name, isMethod));
        if (member.isPresent() && EnclosingScope.isRecordComponentField(member.get().first())) {
          // In a record, the field is private and its accessor side() is not.
          replace(tree, StateMachineWriter.SELF + "." + name + "()");
          return null;
        }
        if (member.isPresent()
            && classes == 0
            && member.get().anyPrivate()
            && method.privateAccess().canReach(member.get())) {
          method.privateAccess().use(member.get(), isMethod);
          replace(tree, PrivateAccess.qualifier(member.get()) + "." + name);
          return null;
        }
      }
      return super.visitMemberSelect(tree, null);
    }

    @Override
    public Void visitTry(TryTree tree, Void unused) {
      List<LocalVariable> declared = new ArrayList<>();
      for (Tree resource : tree.getResources()) {
        LocalVariable variable =
            resource instanceof IdentifierTree name ? method.names().referencedBy(name) : null;
        if (variable != null
            && variable.hoisted()
            && !resourceLocals.contains(variable)
            && !overrides.containsKey(resource)
            && !(nested > 0 && captures != null && needsCapturedCopy(variable))) {
          // try (r) must name a final variable, and a kept local is a field of the state machine:
          // the resource is declared instead, as Java defines try (r) (JLS 14.20.3.1).
          String name = variable.generatedName();
          String field = (classes == 0 ? "this." : method.stateMachineName() + ".this.") + name;
          replace(resource, "var " + name + " = " + field);
          declaresResources = true;
          declared.add(variable);
        } else {
          scan(resource, null);
        }
      }
      resourceLocals.addAll(declared); // in the block, the name is that final local
      boolean closes = !tree.getResources().isEmpty();
      boolean hasFinally = tree.getFinallyBlock() != null;
      cleanups += closes || hasFinally ? 1 : 0;
      scan(tree.getBlock(), null);
      resourceLocals.removeAll(declared);
      cleanups -= closes && !hasFinally ? 1 : 0; // a catch runs after the closing
      scan(tree.getCatches(), null);
      cleanups -= hasFinally ? 1 : 0;
      scan(tree.getFinallyBlock(), null);
      return null;
    }

    @Override
    public Void visitVariable(VariableTree tree, Void unused) {
      LocalVariable variable = method.names().declaredBy(tree);
      if (variable != null && declaredInWitness(variable)) {
        renameDeclaration(tree, variable, variable.generatedName() + "$");
      } else if (variable != null && !variable.generatedName().equals(variable.name())) {
        renameDeclaration(tree, variable, variable.generatedName());
      }
      return super.visitVariable(tree, null);
    }

    private void renameDeclaration(VariableTree tree, LocalVariable variable, String newName) {
      SourceFile source = method.source();
      int from = source.start(tree);
      int to = tree.getInitializer() != null ? source.start(tree.getInitializer()) : source.end(tree);
      String region = source.text(from, to);
      String name = variable.name();
      int at = -1;
      for (int i = region.indexOf(name); i >= 0; i = region.indexOf(name, i + 1)) {
        boolean startsWord = i == 0 || !Character.isJavaIdentifierPart(region.charAt(i - 1));
        int after = i + name.length();
        boolean endsWord =
            after == region.length() || !Character.isJavaIdentifierPart(region.charAt(after));
        if (startsWord && endsWord) {
          at = i;
        }
      }
      if (at >= 0) {
        edits.add(new Edit(from + at, from + at + name.length(), newName));
      }
    }

    @Override
    public Void visitInstanceOf(InstanceOfTree tree, Void unused) {
      // Pattern variables kept in fields: bind them, then copy each into its field, in the
      // condition: o instanceof Point(int x, int y) && matched(this.x = x) && matched(this.y = y).
      List<LocalVariable> kept = new ArrayList<>();
      if (captures != null && tree.getPattern() != null) {
        for (VariableTree binding : bindingsOf(tree.getPattern())) {
          LocalVariable variable = method.names().declaredBy(binding);
          if (variable != null && variable.hoisted()) {
            kept.add(variable);
          }
        }
      }
      if (!kept.isEmpty()) {
        TreePath expression = new TreePath(getCurrentPath(), tree.getExpression());
        String value =
            overrides.containsKey(tree.getExpression())
                ? overrides.get(tree.getExpression())
                : copy(expression, overrides, jumps);
        // The pattern declares each variable under its field's name: the local hides the field
        // until matched(...) has copied it.
        String pattern = copy(new TreePath(getCurrentPath(), tree.getPattern()), overrides, jumps);
        StringBuilder text = new StringBuilder("(" + value + " instanceof " + pattern);
        String self = classes == 0 ? "this." : method.stateMachineName() + ".this.";
        for (LocalVariable variable : kept) {
          text.append(" && matched(").append(self).append(variable.generatedName()).append(" = ")
              .append(variable.generatedName()).append(")");
        }
        replace(tree, text.append(")").toString());
        return null;
      }
      return super.visitInstanceOf(tree, null);
    }

    @Override
    public Void visitNewClass(NewClassTree tree, Void unused) {
      // new Wallet(...) with a private constructor of the method's class: through a factory that
      // the class-file step makes call that constructor.
      PrivateAccess privates = method.privateAccess();
      if (tree.getClassBody() == null
          && tree.getEnclosingExpression() == null
          && classes == 0
          && privates.isOwnClass(ApiCalls.qualifiedName((ExpressionTree) rawType(tree.getIdentifier())))
          && privates.hasPrivateConstructors()) {
        privates.useConstructors();
        SourceFile source = method.source();
        String typeArguments = tree.getIdentifier() instanceof ParameterizedTypeTree parameterized
                && !parameterized.getTypeArguments().isEmpty()
            ? "<" + source.text(source.start(parameterized.getTypeArguments().get(0)),
                source.end(parameterized.getTypeArguments().get(parameterized.getTypeArguments().size() - 1))) + ">"
            : "";
        edits.add(
            new Edit(
                source.start(tree),
                tree.getArguments().isEmpty() ? source.end(tree) - 1 : source.start(tree.getArguments().get(0)),
                method.stateMachineName() + "." + typeArguments + privates.factoryName()
                    + "(" ));
        for (Tree argument : tree.getArguments()) {
          scan(argument, null);
        }
        return null;
      }
      if (tree.getEnclosingExpression() == null) {
        String instance = enclosingInstanceOf(tree);
        if (instance != null) {
          // new Inner(...) of an inner class: the state machine is not an Inner's outer instance.
          SourceFile source = method.source();
          edits.add(new Edit(source.start(tree), source.start(tree), instance + "."));
        }
      }
      return super.visitNewClass(tree, null);
    }

    /**
     * For {@code new Inner(...)} of an inner (non-static member) class of the method's class or of
     * its enclosing instance's class, the instance it needs: {@code self} or {@code outer}; null
     * for any other class.
     */
    private String enclosingInstanceOf(NewClassTree tree) {
      // Resolved from the source, as javac has not attributed the body: Trees.getElement, which
      // would attribute the class, finds nothing in it once a scope asked for in a method with an
      // anonymous subclass of a member class (new Base() {}) has attributed a copy of that method.
      Tree name = rawType(tree.getIdentifier());
      boolean local =
          name instanceof IdentifierTree simple
              && method.names().declaresClass(simple.getName().toString());
      Optional<TypeElement> created = local ? Optional.empty() : method.scope().typeNamed(name);
      if (created.isEmpty()) {
        return null;
      }
      TypeElement type = created.get();
      if (type.getNestingKind() != NestingKind.MEMBER
          || type.getModifiers().contains(Modifier.STATIC)
          || !(type.getEnclosingElement() instanceof TypeElement declaringClass)
          || declaringClass.getKind().isInterface()) {
        return null;
      }
      TypeMirror declaring = types.erasure(declaringClass.asType());
      if (types.isSubtype(types.erasure(method.owner().asType()), declaring)) {
        return StateMachineWriter.SELF;
      }
      TypeElement outer = method.outerClass();
      if (outer != null && types.isSubtype(types.erasure(outer.asType()), declaring)) {
        method.useOuterInstance();
        return StateMachineWriter.OUTER;
      }
      return null;
    }

    private Tree rawType(Tree type) {
      return type instanceof ParameterizedTypeTree parameterized ? parameterized.getType() : type;
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
      nested++;
      super.visitLambdaExpression(tree, null);
      nested--;
      return null;
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      nested++;
      classes++;
      super.visitClass(tree, null);
      classes--;
      nested--;
      return null;
    }

    @Override
    public Void visitWhileLoop(WhileLoopTree tree, Void unused) {
      loops++;
      super.visitWhileLoop(tree, null);
      loops--;
      return null;
    }

    @Override
    public Void visitDoWhileLoop(DoWhileLoopTree tree, Void unused) {
      loops++;
      super.visitDoWhileLoop(tree, null);
      loops--;
      return null;
    }

    @Override
    public Void visitForLoop(ForLoopTree tree, Void unused) {
      loops++;
      super.visitForLoop(tree, null);
      loops--;
      return null;
    }

    @Override
    public Void visitEnhancedForLoop(EnhancedForLoopTree tree, Void unused) {
      loops++;
      super.visitEnhancedForLoop(tree, null);
      loops--;
      return null;
    }

    @Override
    public Void visitBreak(BreakTree tree, Void unused) {
      rewriteJump(tree);
      return null;
    }

    @Override
    public Void visitContinue(ContinueTree tree, Void unused) {
      rewriteJump(tree);
      return null;
    }

    private Around around() {
      return new Around(loops > 0, cleanups > 0);
    }

    private void rewriteJump(Tree tree) {
      if (jumps != null && nested == 0) {
        String text = jumps.rewriteJump(getCurrentPath(), around());
        if (text != null) {
          replace(tree, text);
        }
      }
    }

    @Override
    public Void visitYield(YieldTree tree, Void unused) {
      if (jumps != null && nested == 0) {
        TreePath valuePath = new TreePath(getCurrentPath(), tree.getValue());
        String value =
            overrides.containsKey(tree.getValue())
                ? overrides.get(tree.getValue())
                : copy(valuePath, overrides, jumps);
        String text = jumps.rewriteYield(getCurrentPath(), value, around());
        if (text != null) {
          replace(tree, text);
          return null;
        }
      }
      return super.visitYield(tree, null);
    }

    @Override
    public Void visitReturn(ReturnTree tree, Void unused) {
      if (nested > 0 || tree.getExpression() == null) {
        return super.visitReturn(tree, null);
      }
      if (!method.api().isDone(tree.getExpression())) {
        return super.visitReturn(tree, null);
      }
      // return done(x);  ->  return x;      return done();  ->  return null;
      MethodInvocationTree done = (MethodInvocationTree) tree.getExpression();
      String value;
      if (done.getArguments().isEmpty()) {
        value = "null";
      } else {
        Tree argument = done.getArguments().get(0);
        value =
            overrides.containsKey(argument)
                ? overrides.get(argument)
                : copy(new TreePath(new TreePath(getCurrentPath(), done), argument), overrides, jumps);
      }
      replace(tree, jumps != null ? jumps.rewriteReturn(getCurrentPath(), value, around()) : "return " + value + ";");
      return null;
    }
  }
}
