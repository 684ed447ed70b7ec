package dev.asyncj.processor;

import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.Scope;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.UnionType;
import javax.lang.model.util.Types;

/**
 * Decides which locals become fields of the state machine, finds their types, and gives every
 * variable a name that cannot clash (regenerator's "hoist" step).
 *
 * <p>A local becomes a field when it lives across an await: it is used at or after a statement of
 * its block that may suspend and comes after its declaration. The variables of a loop, {@code
 * catch} or resource that is itself cut into states are always fields, and so is a local of an arm
 * of a switch expression cut into states that the arm's value (or a {@code yield}) reads: that value
 * is typed again after the switch. Parameters are always fields. The others stay locals of the
 * state in which they are declared and used.
 */
final class Hoisting {
  /** Names the generated code itself uses; a user variable with one of these names is renamed. */
  static final Set<String> RESERVED =
      Set.of(
          StateMachineWriter.SELF,
          StateMachineWriter.OUTER,
          "state",
          StateBuilder.DISPATCH_LABEL,
          StateBuilder.THROWN,
          "SUSPENDED",
          "RETURNING",
          "THROWING");

  private final AsyncMethod method;
  private final Suspensions suspensions;
  private final Scopes scopes;
  private final Types types;

  Hoisting(AsyncMethod method, Suspensions suspensions, Scopes scopes, Types types) {
    this.method = method;
    this.suspensions = suspensions;
    this.scopes = scopes;
    this.types = types;
  }

  /** Marks the hoisted variables, sets their types and gives every variable its final name. */
  void run() {
    Map<LocalVariable, List<Tree>> references = new HashMap<>();
    method.names().references().forEach(
        (tree, variable) -> references.computeIfAbsent(variable, v -> new ArrayList<>()).add(tree));
    references.forEach(
        (variable, trees) ->
            trees.stream()
                .min(java.util.Comparator.comparingInt(t -> method.source().start(t)))
                .ifPresent(first -> firstReference.put(variable, first)));
    for (LocalVariable variable : method.names().variables()) {
      if (variable.kind() == LocalVariable.Kind.PARAMETER) {
        variable.hoist();
      } else if (variable.kind() == LocalVariable.Kind.LOCAL
          && livesAcrossAwait(variable, references.getOrDefault(variable, List.of()))) {
        if (variable.declaration().getParentPath().getLeaf() instanceof BindingPatternTree
            && !firstReference.containsKey(variable)) {
          continue; // a pattern variable never used needs no field
        }
        variable.hoist();
      }
    }
    assignTypes();
    assignNames();
  }

  /**
   * The switch expression that {@code path} is in, if it is cut into states (it awaits); null if
   * there is none, or if a lambda comes first (its body is copied as it is).
   */
  private SwitchExpressionTree suspendingSwitchExpressionAround(TreePath path) {
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof SwitchExpressionTree switchExpression) {
        return suspensions.contains(switchExpression) ? switchExpression : null;
      }
      if (p.getLeaf() instanceof LambdaExpressionTree) {
        return null;
      }
    }
    return null;
  }

  /**
   * Whether {@code reference} lies in a value that {@code switchExpression}, cut into states, keeps
   * and reads back after its end: the value of a yield, or an arm that is an expression. The
   * switch is rebuilt there on the kept values, typed by a copy of each value's expression
   * (StateBuilder.SwitchResults), where the arm's locals are out of scope.
   */
  private boolean isInKeptValue(Tree reference, SwitchExpressionTree switchExpression) {
    Tree child = null;
    for (TreePath p = TreePath.getPath(method.path(), reference);
        p != null && p.getLeaf() != switchExpression;
        p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof YieldTree && targetOfYield(p) == switchExpression) {
        return true;
      }
      if (leaf instanceof CaseTree arm
          && p.getParentPath().getLeaf() == switchExpression
          && arm.getBody() instanceof ExpressionTree
          && arm.getBody() == child) {
        return true;
      }
      child = leaf;
    }
    return false;
  }

  /** The switch expression a {@code yield} gives its value to. */
  private static Tree targetOfYield(TreePath yield) {
    for (TreePath p = yield.getParentPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof SwitchExpressionTree) {
        return p.getLeaf();
      }
    }
    return null;
  }

  private boolean livesAcrossAwait(LocalVariable variable, List<Tree> references) {
    TreePath declaration = variable.declaration();
    Tree parent = declaration.getParentPath().getLeaf();
    SwitchExpressionTree switchExpression = suspendingSwitchExpressionAround(declaration);
    if (switchExpression != null
        && references.stream().anyMatch(r -> isInKeptValue(r, switchExpression))) {
      return true;
    }
    if (parent instanceof BlockTree block) {
      if (!suspensions.contains(block)) {
        return false;
      }
      List<? extends StatementTree> statements = block.getStatements();
      int index = statements.indexOf(declaration.getLeaf());
      for (int j = index + 1; j < statements.size(); j++) {
        if (suspensions.contains(statements.get(j))) {
          int from = method.source().start(statements.get(j));
          return references.stream().anyMatch(r -> method.source().start(r) >= from);
        }
      }
      return false;
    }
    // A loop, catch, resource or pattern variable: a field when its statement is cut into states.
    // (The statement of a pattern in a case label is the switch: the dispatch binds it, in
    // another state than the case's body. javac's case trees are statements too.)
    for (TreePath p = declaration.getParentPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof CaseTree && parent instanceof BindingPatternTree) {
        continue;
      }
      if (p.getLeaf() instanceof StatementTree statement) {
        return suspensions.contains(statement);
      }
    }
    return false;
  }

  /** The first reference to each variable, for the type of a pattern variable (see below). */
  private final Map<LocalVariable, Tree> firstReference = new HashMap<>();

  private void assignTypes() {
    ExecutableElement element = method.element();
    List<? extends VariableElement> parameters = element.getParameters();
    int parameterIndex = 0;
    List<LocalVariable> locals = new ArrayList<>();
    for (LocalVariable variable : method.names().variables()) {
      if (variable.kind() == LocalVariable.Kind.PARAMETER) {
        variable.setType(parameters.get(parameterIndex++).asType());
      } else if (variable.hoisted()) {
        locals.add(variable);
      }
    }
    // A type written out in the declaration needs no javac: most locals are typed here.
    DeclaredTypes declared = new DeclaredTypes(method, types);
    for (LocalVariable variable : locals) {
      variable.setType(declared.typeOf(variable));
    }
    // Each scope asked for makes javac attribute the body up to it, so one scope types every local
    // in scope there: the last declared first, whose scope sees most of the others.
    for (int i = locals.size() - 1; i >= 0; i--) {
      LocalVariable variable = locals.get(i);
      if (variable.type() != null) {
        continue;
      }
      if (isPatternVariable(variable)) {
        variable.setType(attributedType(variable));
        continue;
      }
      TreePath inScope = pathInScope(variable.declaration());
      for (Element local : scopes.at(inScope).getLocalElements()) {
        for (LocalVariable other : locals) {
          if (other.type() == null
              && !isPatternVariable(other)
              && other.name().contentEquals(local.getSimpleName())
              && isInScopeAt(other, inScope.getLeaf())) {
            other.setType(typeToKeep(local.asType()));
          }
        }
      }
      if (variable.type() == null) {
        throw new IllegalStateException("no type found for local " + variable.name());
      }
    }
  }

  private static boolean isPatternVariable(LocalVariable variable) {
    return variable.declaration().getParentPath().getLeaf() instanceof BindingPatternTree;
  }

  /**
   * Whether {@code tree} lies where {@code variable} (not a pattern variable) is in scope: after its
   * declaration to the end of its block, or in the loop, catch block or try block that declares it.
   * A local of that name there is this variable, since Java lets no local hide another.
   */
  private boolean isInScopeAt(LocalVariable variable, Tree tree) {
    SourceFile source = method.source();
    TreePath declaration = variable.declaration();
    Tree region =
        declaration.getParentPath().getLeaf() instanceof BlockTree block
            ? block
            : pathInScope(declaration).getLeaf();
    int from = source.end(declaration.getLeaf());
    if (!(declaration.getParentPath().getLeaf() instanceof BlockTree)) {
      from = source.start(region);
    }
    return source.start(tree) >= from && source.end(tree) <= source.end(region);
  }

  private TypeMirror typeToKeep(TypeMirror type) {
    return type instanceof UnionType union ? leastUpperBound(union) : type;
  }

  /** The type javac gives the local, read from the scope of a tree where it is visible. */
  private TypeMirror attributedType(LocalVariable variable) {
    List<TreePath> candidates = new ArrayList<>();
    if (variable.declaration().getParentPath().getLeaf() instanceof BindingPatternTree) {
      // Wherever a pattern variable is used, it is in scope: its flow scope can be narrow.
      candidates.add(TreePath.getPath(method.path(), firstReference.get(variable)));
    }
    candidates.addAll(pathsInScope(variable.declaration()));
    for (TreePath inScope : candidates) {
      // The reference may be in a lambda or a nested class: the variable is then a local of a
      // scope around the one there.
      for (Scope scope = scopes.at(inScope); scope != null; scope = scope.getEnclosingScope()) {
        for (Element local : scope.getLocalElements()) {
          if (local.getSimpleName().contentEquals(variable.name())) {
            return typeToKeep(local.asType());
          }
        }
      }
    }
    throw new IllegalStateException("no type found for local " + variable.name());
  }

  /**
   * Paths where the variable declared at {@code declaration} may be in scope. A pattern variable's
   * scope follows the flow of its condition: the then or else branch, the loop body, or the
   * statements after.
   */
  private static List<TreePath> pathsInScope(TreePath declaration) {
    Tree parent = declaration.getParentPath().getLeaf();
    if (!(parent instanceof BindingPatternTree)) {
      return List.of(pathInScope(declaration));
    }
    List<TreePath> candidates = new ArrayList<>();
    TreePath statement = declaration.getParentPath();
    while (!(statement.getLeaf() instanceof StatementTree)) {
      statement = statement.getParentPath();
    }
    Tree tree = statement.getLeaf();
    if (tree instanceof IfTree ifTree) {
      candidates.add(new TreePath(statement, ifTree.getThenStatement()));
      if (ifTree.getElseStatement() != null) {
        candidates.add(new TreePath(statement, ifTree.getElseStatement()));
      }
    } else if (tree instanceof WhileLoopTree loop) {
      candidates.add(new TreePath(statement, loop.getStatement()));
    } else if (tree instanceof ForLoopTree loop) {
      candidates.add(new TreePath(statement, loop.getStatement()));
    }
    TreePath block = statement.getParentPath();
    if (block.getLeaf() instanceof BlockTree blockTree) {
      int index = blockTree.getStatements().indexOf(tree);
      for (int i = index + 1; i < blockTree.getStatements().size(); i++) {
        candidates.add(new TreePath(block, blockTree.getStatements().get(i)));
      }
    }
    candidates.add(statement);
    return candidates;
  }

  /**
   * The class a multi-catch parameter can be kept as: the nearest superclass of the first
   * alternative that all alternatives extend ({@code IOException | SQLException} gives {@code
   * Exception}).
   */
  private TypeMirror leastUpperBound(UnionType union) {
    List<? extends TypeMirror> alternatives = union.getAlternatives();
    TypeMirror candidate = alternatives.get(0);
    while (true) {
      TypeMirror bound = candidate;
      if (alternatives.stream().allMatch(a -> types.isAssignable(a, bound))) {
        return bound;
      }
      candidate = types.directSupertypes(candidate).get(0);
    }
  }

  /** A path where the variable declared at {@code declaration} is in scope. */
  private static TreePath pathInScope(TreePath declaration) {
    TreePath parentPath = declaration.getParentPath();
    Tree parent = parentPath.getLeaf();
    Tree declared = declaration.getLeaf();
    if (parent instanceof BlockTree block) {
      List<? extends StatementTree> statements = block.getStatements();
      int index = statements.indexOf(declared);
      return new TreePath(parentPath, statements.get(index + 1));
    }
    if (parent instanceof ForLoopTree loop) {
      return new TreePath(parentPath, loop.getStatement());
    }
    if (parent instanceof EnhancedForLoopTree loop) {
      return new TreePath(parentPath, loop.getStatement());
    }
    if (parent instanceof CatchTree catchTree) {
      return new TreePath(parentPath, catchTree.getBlock());
    }
    if (parent instanceof TryTree tryTree && declared instanceof VariableTree) {
      return new TreePath(parentPath, tryTree.getBlock());
    }
    return declaration;
  }

  private void assignNames() {
    Set<String> taken = new HashSet<>(RESERVED);
    for (LocalVariable variable : method.names().variables()) {
      if (variable.kind() == LocalVariable.Kind.NESTED) {
        if (RESERVED.contains(variable.name())) {
          variable.rename(unique(variable.name(), taken));
        }
        continue;
      }
      String name = unique(variable.name(), taken);
      variable.rename(name);
      taken.add(name);
    }
  }

  /** {@code name}, or {@code name_2}, {@code name_3}... whichever is free first. */
  static String unique(String name, Set<String> taken) {
    if (!taken.contains(name)) {
      return name;
    }
    for (int n = 2; ; n++) {
      String candidate = name + "_" + n;
      if (!taken.contains(candidate)) {
        return candidate;
      }
    }
  }
}
