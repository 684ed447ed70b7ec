package dev.asyncj.processor;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cuts the body of an {@code @Async} method into states: the {@code case}s of the state machine's
 * {@code switch}, each running the code between two awaits (regenerator's "emit" step, Roslyn's
 * async lowering).
 *
 * <p>A statement with no await is copied as it is. A statement with an await is taken apart: a
 * block statement by statement; a loop or {@code if} into labelled states joined by jumps ({@code
 * state = n; continue;}); an expression is evaluated in Java's order up to each await, keeping the
 * operands already evaluated in temporaries ({@code tmp1}) so that they survive the suspension, and
 * what remains is one expression evaluated after the last await.
 */
final class StateBuilder {
  /**
   * The label of the dispatch loop, used by jumps out of loops that were copied as they are; a
   * user's label of that name gets the loop another one (see {@link #dispatchLabel()}).
   */
  static final String DISPATCH_LABEL = "dispatch";

  /** The label of the block a jump leaves copied code through when a try of it must close first. */
  private static final String ESCAPE_LABEL = "escape";

  /** The exception the router of {@code resume()} catches. */
  static final String THROWN = "thrown";

  /** One {@code case} of the dispatch switch. */
  static final class State {
    final Label label;
    final String comment;
    final Code code = new Code();
    final Protection protection;
    /** The line of the user's method where this state starts. */
    final int line;
    boolean declaresLocals;

    State(Label label, String comment, Protection protection, int line) {
      this.label = label;
      this.comment = comment;
      this.protection = protection;
      this.line = line;
    }
  }

  /** The exception router's code for the states of one protection. */
  record Router(List<State> states, Code code) {}

  /** How control can go from one state to another, for the state diagram. */
  enum Move {
    /** runs on into the next state */
    ON,
    /** {@code state = n; continue;} */
    JUMP,
    /** an await: suspends unless what it waits for is done, then continues there */
    AWAIT,
    /** an exception, routed by the catch handler of {@code resume()} */
    THROW,
    /** the method ends: a return, or an exception no catch takes */
    END
  }

  /** A move from a state to a label (null for the end of the method), with why. */
  record Transition(State from, Label to, Move move, String why) {}

  /** A temporary that keeps a value across an await: an {@code Object}, or a primitive. */
  record Temporary(String name, String type, String comment) {}

  private final AsyncMethod method;
  private final Suspensions suspensions;
  private final AsyncResources asyncResources;
  private final Copier copier;
  private final SourceFile source;

  private final List<State> states = new ArrayList<>();
  private final Map<Integer, Label> labels = new HashMap<>();
  private final Map<Tree, Label> breakTargets = new IdentityHashMap<>();
  private final Map<Tree, Label> continueTargets = new IdentityHashMap<>();
  private final List<Temporary> temporaries = new ArrayList<>();
  private final Set<String> takenNames = new HashSet<>();
  private final Map<Label, Protection> labelProtection = new IdentityHashMap<>();
  private final List<Protection.Finally> finallies = new ArrayList<>();
  private final List<Transition> transitions = new ArrayList<>();
  private Protection protection;
  private State current;
  private boolean reachable;
  private boolean usesDispatchLoop;
  private boolean usesDispatchLabel;
  /** The labels of the user's method, which the generated ones must not repeat. */
  private final Set<String> userLabels = new HashSet<>();
  private final String dispatchLabel;
  private final String escapeLabel;
  /** The local a jump out of a copied try stores its target in: see {@link #escaping}. */
  private final String escapeTarget;
  /** Whether the code being copied has a jump that leaves through {@link #escapeLabel}. */
  private boolean escapes;
  private boolean fallsThrough;
  /** A labelled statement whose loop is about to be emitted, so the loop answers to the label. */
  private LabeledStatementTree pendingLabel;

  StateBuilder(
      AsyncMethod method, Suspensions suspensions, AsyncResources asyncResources, Copier copier) {
    this.method = method;
    this.suspensions = suspensions;
    this.asyncResources = asyncResources;
    this.copier = copier;
    this.source = method.source();
    copier.setCaptures(this::captured);
    takenNames.addAll(method.names().allNames());
    takenNames.addAll(Hoisting.RESERVED);
    for (LocalVariable variable : method.names().variables()) {
      takenNames.add(variable.generatedName());
    }
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitLabeledStatement(LabeledStatementTree tree, Void unused) {
        userLabels.add(tree.getLabel().toString());
        return super.visitLabeledStatement(tree, null);
      }
    }.scan(method.tree().getBody(), null);
    dispatchLabel = Hoisting.unique(DISPATCH_LABEL, userLabels);
    escapeLabel = Hoisting.unique(ESCAPE_LABEL, userLabels);
    escapeTarget = Hoisting.unique("escapeTo", takenNames);
    takenNames.add(escapeTarget);
  }

  /** Copies of loop variables that lambdas about to be emitted capture (see Copier). */
  private final Map<LocalVariable, String> pendingCaptures = new java.util.LinkedHashMap<>();

  private String captured(LocalVariable variable) {
    return pendingCaptures.computeIfAbsent(
        variable,
        v -> {
          String name = Hoisting.unique(v.generatedName() + "_", takenNames);
          takenNames.add(name);
          return name;
        });
  }

  /**
   * The current state's code, after declaring the copies that lambdas in the code about to be
   * added capture: {@code final var word_ = word;} gives each round's lambda its own value.
   */
  private Code code() {
    if (!pendingCaptures.isEmpty()) {
      pendingCaptures.forEach(
          (variable, name) ->
              current.code.line(
                  "final var " + name + " = " + variable.generatedName() + "; // the value the"
                      + " lambda keeps: " + variable.name() + " changes each round"));
      current.declaresLocals = true;
      pendingCaptures.clear();
    }
    return current.code;
  }

  /** Builds the states of the whole method body. */
  void build() {
    MethodTree tree = method.tree();
    TreePath body = new TreePath(method.path(), tree.getBody());
    place(newLabel("start"), "start of " + method.displayName(), null);
    statements(body, tree.getBody().getStatements());
    if (reachable) {
      // Only reached when the body can complete normally, which javac forbids for a method that
      // returns a value; kept so that the generated switch never falls into 'default'.
      move(null, Move.END, "return");
      code().line("return null;");
      reachable = false;
    }
  }

  List<State> states() {
    return states;
  }

  List<Temporary> temporaries() {
    return temporaries;
  }

  boolean usesDispatchLoop() {
    return usesDispatchLoop;
  }

  boolean usesDispatchLabel() {
    return usesDispatchLabel;
  }

  /** The label of the dispatch loop: {@code dispatch}, unless the user's method has one so named. */
  String dispatchLabel() {
    return dispatchLabel;
  }

  boolean fallsThrough() {
    return fallsThrough;
  }

  /** Every move between states, in the order they were emitted, for the state diagram. */
  List<Transition> transitions() {
    return transitions;
  }

  private void move(Label to, Move move, String why) {
    if (current != null) {
      transitions.add(new Transition(current, to, move, why));
    }
  }

  /** The finally blocks cut into states, whose {@code leaveN}/{@code pendingN} fields are needed. */
  List<Protection.Finally> finallies() {
    return finallies;
  }

  /** The exception router's cases, one per protection, in the order of their first state. */
  List<Router> routers() {
    Map<Protection, List<State>> byProtection = new java.util.LinkedHashMap<>();
    for (State state : states) {
      if (state.protection != null) {
        byProtection.computeIfAbsent(state.protection, p -> new ArrayList<>()).add(state);
      }
    }
    List<Router> routers = new ArrayList<>();
    byProtection.forEach((p, group) -> routers.add(new Router(group, routerCode(p))));
    return routers;
  }

  /**
   * Where an exception thrown in the states of {@code protection} goes: the first catch clause
   * that matches, from the innermost try out, or the first finally on the way.
   */
  private Code routerCode(Protection protection) {
    return routerCode(protection, null);
  }

  /**
   * The router's code for {@code protection}; with {@code from}, records instead the moves an
   * exception thrown in that state can make.
   */
  private Code routerCode(Protection protection, State from) {
    Code code = new Code();
    for (Protection p = protection; p != null; p = p.parent()) {
      for (Protection.Catch clause : p.catches()) {
        if (from != null) {
          transitions.add(new Transition(from, clause.label(), Move.THROW, String.join(" | ", clause.types())));
        }
        String test =
            clause.types().stream()
                .map(type -> THROWN + " instanceof " + type)
                .collect(java.util.stream.Collectors.joining(" || "));
        code.line("if (" + test + ") { // " + clause.source()).indent();
        code.line(clause.variable() + " = (" + clause.variableType() + ") " + THROWN + ";");
        code.line("state = " + clause.label() + ";");
        code.line("continue;");
        code.unindent().line("}");
      }
      Protection.Finally block = p.finallyBlock();
      if (block != null) {
        if (from != null) {
          transitions.add(new Transition(from, block.label(), Move.THROW, "any exception"));
        }
        code.line("// run the " + block.source() + ", then throw it on");
        code.line(block.leaveField() + " = THROWING;");
        code.line(block.pendingField() + " = " + THROWN + ";");
        code.line("state = " + block.label() + ";");
        code.line("continue;");
        return code;
      }
    }
    if (from != null) {
      transitions.add(new Transition(from, null, Move.END, "throws"));
    }
    code.line("throw " + THROWN + ";");
    return code;
  }

  /** Records, for each state inside a try, where an exception thrown there goes. */
  void recordExceptionMoves() {
    for (State state : states) {
      if (state.protection != null) {
        routerCode(state.protection, state);
      }
    }
  }

  /** Fills in the state numbers of the labels that {@code text} mentions. */
  String resolveLabels(String text) {
    return Label.resolve(text, labels);
  }

  // ---- states and jumps

  private Label newLabel(String description) {
    Label label = new Label(description);
    labels.put(label.id(), label);
    labelProtection.put(label, protection);
    return label;
  }

  /**
   * Starts a new state at {@code label}. If the current state can run on into it, it does (a
   * fall-through), and {@code fallThroughComment}, if given, says why.
   */
  private void place(Label label, String comment, String fallThroughComment) {
    if (current != null && reachable) {
      fallsThrough = true;
      if (!label.description().startsWith("resumed after")) { // an await records its own move
        move(label, Move.ON, fallThroughComment);
      }
      if (current.protection != protection) {
        // The exception router goes by 'state': it must name a state of the new protection.
        code().line("state = " + label + "; // " + (fallThroughComment != null ? fallThroughComment : "on"));
      } else if (fallThroughComment != null) {
        code().line("// " + fallThroughComment);
      }
    }
    label.place(states.size());
    java.util.regex.Matcher line =
        java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(source.fileName()) + ":(\\d+)")
            .matcher(comment);
    int at = line.find() ? Integer.parseInt(line.group(1)) : source.declarationLine(method.tree());
    current = new State(label, comment, protection, at);
    states.add(current);
    reachable = true;
  }

  /** {@code state = n; continue;}: go to the state at {@code target} through the dispatch loop. */
  private void jump(Label target, String why) {
    if (!reachable) {
      return;
    }
    target.reference();
    usesDispatchLoop = true;
    List<Protection.Finally> through = Protection.between(protection, labelProtection.get(target));
    if (through.isEmpty()) {
      move(target, Move.JUMP, why);
      code().line("state = " + target + "; // " + why);
    } else {
      Protection.Finally block = through.get(0);
      block.addExit(target);
      block.label().reference();
      move(block.label(), Move.JUMP, why + ", through the finally");
      code().line(block.leaveField() + " = " + target + "; // " + why + ", once the finally has run");
      code().line("state = " + block.label() + "; // the " + block.source());
    }
    code().line("continue;");
    reachable = false;
  }

  /** Returns {@code value} from the method, through the finally blocks around this state. */
  private void returnValue(String value, String comment) {
    List<Protection.Finally> through = Protection.between(protection, null);
    if (through.isEmpty()) {
      move(null, Move.END, "return");
      code().line("return " + value + "; // " + comment);
    } else {
      Protection.Finally block = through.get(0);
      block.label().reference();
      move(block.label(), Move.JUMP, "return, through the finally");
      usesDispatchLoop = true;
      code().line("// " + comment + ": return once the " + block.source() + " has run");
      code().line(block.leaveField() + " = RETURNING;");
      code().line(block.pendingField() + " = " + value + ";");
      code().line("state = " + block.label() + ";");
      code().line("continue;");
    }
    reachable = false;
  }

  /** {@code if (!(condition)) { jump }}. */
  private void jumpUnless(String condition, Label target, String why) {
    code().line("if (!(" + condition + ")) {").indent();
    jump(target, why);
    code().unindent().line("}");
    reachable = true;
  }

  /**
   * {@code if (!(condition)) { jump }} for the user's {@code condition}. When it has a record
   * pattern, what follows starts a state of its own: javac (JDK-8390354, seen on 17 and 25.0.3)
   * lets the jump taken when the record matches carry the temporaries it declares for the
   * components past the end of their scope, and a switch further on in the same state then gets
   * a stack map frame that fails verification. The pattern's variables are fields already (their
   * statement is cut into states), so the new state reads them there.
   */
  private void jumpUnless(String condition, Tree written, Label target, String why) {
    jumpUnless(condition, target, why);
    if (hasRecordPattern(written)) {
      Label next = newLabel("the condition held");
      jump(next, "the condition held (a state of its own, for javac's sake)");
      place(next, where(written) + "  " + quote(written) + " held", null);
    }
  }

  /** Whether {@code tree} holds a record pattern (Java 21), found by its kind's name. */
  private static boolean hasRecordPattern(Tree tree) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean scan(Tree tree, Void unused) {
            if (tree != null && tree.getKind().name().equals("DECONSTRUCTION_PATTERN")) {
              return true;
            }
            return Boolean.TRUE.equals(super.scan(tree, null));
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(tree, null);
    return Boolean.TRUE.equals(found);
  }

  /**
   * Waits for {@code awaitable}: records where to continue, starts the wait, and returns from
   * {@code resume()} if it must suspend; otherwise runs on into the next state.
   */
  private void suspend(String awaitable, Tree await) {
    // Comments quote what the user wrote: Await.of(x) or the x of a tail await's return x.
    Tree awaited =
        await instanceof MethodInvocationTree call
            ? call.getArguments().get(0)
            : ((ReturnTree) await).getExpression();
    suspend(awaitable, await, neutralised(abbreviate(source.text(awaited))));
  }

  /** {@link #suspend(String, Tree)}, described as {@code what} in comments. */
  private void suspend(String awaitable, Tree await, String what) {
    Label resumed = newLabel("resumed after " + what);
    move(resumed, Move.AWAIT, "await " + what);
    code().line("state = " + resumed + "; // continue there once " + what + " is done");
    code().line("if (suspendOn(" + awaitable + ")) { // " + where(await));
    code().indent().line("return SUSPENDED;").unindent().line("}");
    place(
        resumed,
        where(await) + "  resumed after Await.of(" + what + ")",
        what + " finished without suspending: go straight on");
  }

  // ---- statements

  private void statements(TreePath parent, List<? extends StatementTree> statements) {
    for (StatementTree statement : statements) {
      statement(new TreePath(parent, statement));
    }
  }

  private void statement(TreePath path) {
    Tree tree = path.getLeaf();
    if (tree instanceof LabeledStatementTree labeled) {
      labeled(path, labeled);
      return;
    }
    if (tree instanceof BreakTree || tree instanceof ContinueTree) {
      jumpStatement(path);
      return;
    }
    if (tree instanceof YieldTree yield
        && switchResults != null
        && targetOfYield(path) == switchResults.switchTree) {
      yieldStatement(path, yield.getValue());
      return;
    }
    if (!suspensions.contains(tree)) {
      copied(path);
      return;
    }
    switch (tree.getKind()) {
      case BLOCK:
        statements(path, ((BlockTree) tree).getStatements());
        break;
      case EXPRESSION_STATEMENT:
        expressionStatement(path, (ExpressionStatementTree) tree);
        break;
      case VARIABLE:
        variable(path, (VariableTree) tree);
        break;
      case IF:
        ifStatement(path, (IfTree) tree);
        break;
      case WHILE_LOOP:
        whileLoop(path, (WhileLoopTree) tree);
        break;
      case DO_WHILE_LOOP:
        doWhileLoop(path, (DoWhileLoopTree) tree);
        break;
      case FOR_LOOP:
        forLoop(path, (ForLoopTree) tree);
        break;
      case RETURN:
        returnStatement(path, (ReturnTree) tree);
        break;
      case TRY:
        tryStatement(path, (TryTree) tree);
        break;
      case ENHANCED_FOR_LOOP:
        forEachLoop(path, (EnhancedForLoopTree) tree);
        break;
      case SWITCH:
        switchStatement(path, (SwitchTree) tree);
        break;
      case THROW:
        {
          String value = lower(new TreePath(path, ((ThrowTree) tree).getExpression()), false);
          if (protection == null) {
            move(null, Move.END, "throws");
          }
          code().line("throw " + value + "; // " + where(tree));
          reachable = false;
          break;
        }
      default:
        throw new Unsupported(path, describe(tree));
    }
  }

  /** A statement with no await, copied as the user wrote it. */
  private void copied(TreePath path) {
    Tree tree = path.getLeaf();
    if (tree instanceof ClassTree local && suspensions.contains(method.tree().getBody())) {
      // Its name would only be known in this state's case, and fields cannot have its type.
      String kind = local.getKind().toString().toLowerCase();
      throw new Rejected(path, Message.LOCAL_CLASS_DECLARATION, kind, kind);
    }
    if (tree instanceof VariableTree variable) {
      LocalVariable local = method.names().declaredBy(variable);
      if (local != null && local.hoisted()) {
        if (variable.getInitializer() != null) {
          String value = copier.copy(new TreePath(path, variable.getInitializer()));
          emit(local.generatedName() + " = " + arrayCreation(variable, local) + value + ";", tree);
        }
        return;
      }
      current.declaresLocals = true;
    }
    emitCopied(copier.copy(path, Map.of(), jumps), tree);
    reachable = Completion.canCompleteNormally(tree);
  }

  /**
   * Wraps copied code whose jumps leave a try of its own (see {@link Copier.Around#cleanup}): such
   * a jump stores its target state and breaks out of the block, so that the try closes its
   * resources and runs its finally while {@code state} still names the state they belong to, and
   * an exception from them is routed as the user's method would route it.
   */
  private String escaping(String copied, Tree tree) {
    if (!escapes) {
      return copied;
    }
    escapes = false;
    String leave = "state = " + escapeTarget + "; " + continueDispatch(false);
    return "{\n"
        + "  int " + escapeTarget + " = -1; // where a jump below goes once its try has closed\n"
        + "  " + escapeLabel + ": {\n"
        + copied.indent(4)
        + "  }\n"
        + (Completion.canCompleteNormally(tree)
            ? "  if (" + escapeTarget + " >= 0) {\n    " + leave + "\n  }\n"
            : "  " + leave + "\n")
        + "}";
  }

  private void expressionStatement(TreePath path, ExpressionStatementTree tree) {
    TreePath expression = new TreePath(path, tree.getExpression());
    LocalVariable assigned =
        tree.getExpression() instanceof AssignmentTree a ? method.names().referencedBy(a.getVariable()) : null;
    if (assigned != null
        && tree.getExpression() instanceof AssignmentTree assignment
        && assigned.declarationTree() instanceof VariableTree
        && method.api().isAwait(unparenthesized(assignment.getExpression()))) {
      // x = Await.of(...) for a local x of a reference type: read the value with a cast.
      String type = referenceType(assigned.declaration());
      if (type != null) {
        String value = lowerAssigned(new TreePath(expression, assignment.getExpression()), type);
        emit(copier.copy(new TreePath(expression, assignment.getVariable())) + " = " + value + ";", tree);
        return;
      }
    }
    String value = lower(expression, true);
    if (value != null) {
      emit(value + ";", tree);
    }
  }

  private void variable(TreePath path, VariableTree tree) {
    LocalVariable local = method.names().declaredBy(tree);
    String value = lowerAssigned(new TreePath(path, tree.getInitializer()), referenceType(path));
    if (local.hoisted()) {
      emit(local.generatedName() + " = " + value + ";", tree);
    } else {
      current.declaresLocals = true;
      String declared = source.text(source.start(tree), source.start(tree.getInitializer()));
      emit(renamedDeclaration(declared, local) + value + ";", tree);
    }
  }

  /**
   * The declared type of a variable as written, when it is a reference type that a cast can name:
   * {@code String s = Await.of(x)} then reads the value as {@code (String) awaitedValue()}, with no
   * witness lambda. Null for {@code var}, primitives (whose conversions a cast does not make), and
   * C-style array declarations.
   */
  private String referenceType(TreePath declarationPath) {
    VariableTree declaration = (VariableTree) declarationPath.getLeaf();
    Tree type = declaration.getType();
    if (type == null || type.getKind() == Tree.Kind.PRIMITIVE_TYPE || source.end(type) <= 0) {
      return null;
    }
    String text = copier.copy(new TreePath(declarationPath, type)).strip();
    int afterType = source.end(type);
    int valueStart =
        declaration.getInitializer() != null ? source.start(declaration.getInitializer()) : source.end(declaration);
    if (text.equals("var") || text.isEmpty() || source.text(afterType, Math.max(afterType, valueStart)).contains("[")) {
      return null;
    }
    if (text.contains("<") || isTypeParameter(text)) {
      uncheckedCasts = true;
    }
    return text;
  }

  private boolean isTypeParameter(String name) {
    return method.element().getTypeParameters().stream().anyMatch(t -> t.getSimpleName().contentEquals(name))
        || method.owner().getTypeParameters().stream().anyMatch(t -> t.getSimpleName().contentEquals(name));
  }

  /** Whether the code casts to a parameterized type or a type variable (an unchecked cast). */
  boolean usesUncheckedCasts() {
    return uncheckedCasts;
  }

  private boolean uncheckedCasts;

  /**
   * Whether copied code declares a resource for a kept local, {@code try (var r = this.r)}, which
   * javac's lint flags when the body does not use it: the user's {@code try (r)} draws no warning.
   */
  boolean declaresResourcesForKeptLocals() {
    return copier.declaresResourcesForKeptLocals();
  }

  /**
   * {@link #lower} for a value assigned to a variable whose reference type is {@code castType}
   * (null if unknown): a direct {@code Await.of(...)} is then read back with a cast.
   */
  private String lowerAssigned(TreePath valuePath, String castType) {
    Tree value = valuePath.getLeaf();
    while (value instanceof ParenthesizedTree parens) {
      value = parens.getExpression();
      valuePath = new TreePath(valuePath, value);
    }
    if (castType == null || !method.api().isAwait(value)) {
      return lower(valuePath, false);
    }
    MethodInvocationTree await = (MethodInvocationTree) value;
    String awaitable = lower(new TreePath(valuePath, await.getArguments().get(0)), false);
    suspend(awaitable, await);
    return "(" + castType + ") awaitedValue()";
  }

  /**
   * {@code new int[][] } before an array initializer: {@code int[][] grid = {{1}};} becomes the
   * assignment {@code grid = new int[][] {{1}};}, since a bare initializer is only allowed in a
   * declaration.
   */
  private static String arrayCreation(VariableTree variable, LocalVariable local) {
    if (!(variable.getInitializer() instanceof NewArrayTree array) || array.getType() != null) {
      return "";
    }
    String type = local.type().toString();
    if (type.contains("<")) {
      type = type.replaceAll("<[^\\[\\]]*>", ""); // generic array creation is not allowed: erase it
    }
    return "new " + type + " ";
  }

  private static String renamedDeclaration(String declared, LocalVariable local) {
    if (local.generatedName().equals(local.name())) {
      return declared;
    }
    return declared.replaceFirst(
        "\\b" + java.util.regex.Pattern.quote(local.name()) + "(\\s*=\\s*)$",
        local.generatedName() + "$1");
  }

  private void ifStatement(TreePath path, IfTree tree) {
    TreePath conditionPath = new TreePath(path, unparenthesized(tree.getCondition()));
    String condition = condition(conditionPath);
    boolean branchesSuspend =
        suspensions.contains(tree.getThenStatement())
            || suspensions.contains(tree.getElseStatement());
    if (!branchesSuspend) {
      // Only the condition awaited: the if itself is copied with the condition's value in place.
      emitCopied(copier.copy(path, Map.of(conditionPath.getLeaf(), condition), jumps), tree);
      reachable = Completion.canCompleteNormally(tree);
      return;
    }
    Label elseLabel = tree.getElseStatement() != null ? newLabel("else") : null;
    Label end = newLabel("after the if");
    code().line("// " + where(tree) + "  " + quote(tree));
    jumpUnless(
        condition,
        conditionPath.getLeaf(),
        elseLabel != null ? elseLabel : end,
        elseLabel != null
            ? "the else branch, line " + source.line(tree.getElseStatement())
            : "after the if");
    statement(new TreePath(path, tree.getThenStatement()));
    if (elseLabel != null) {
      jump(end, "after the if");
      place(elseLabel, where(tree.getElseStatement()) + "  else", null);
      statement(new TreePath(path, tree.getElseStatement()));
    }
    placeIfReached(end, where(tree) + "  after the if", "on after the if");
  }

  private void whileLoop(TreePath path, WhileLoopTree tree) {
    Label condition = newLabel("the loop condition");
    Label end = endLabelFor(tree);
    place(condition, where(tree) + "  the loop condition: " + quote(tree.getCondition()),
        "on into the loop");
    TreePath conditionPath = new TreePath(path, unparenthesized(tree.getCondition()));
    if (!isTrue(conditionPath.getLeaf())) {
      jumpUnless(condition(conditionPath), conditionPath.getLeaf(), end, "leave the loop");
    }
    loopBody(path, tree, tree.getStatement(), end, condition);
    jump(condition, "back to the loop condition");
    placeIfReached(end, where(tree) + "  after the loop", null);
  }

  private void doWhileLoop(TreePath path, DoWhileLoopTree tree) {
    Label body = newLabel("the loop body");
    Label condition = newLabel("the loop condition");
    Label end = endLabelFor(tree);
    place(body, where(tree) + "  the loop body", "on into the loop");
    loopBody(path, tree, tree.getStatement(), end, condition);
    if (condition.referenced()) {
      place(
          condition,
          where(tree.getCondition()) + "  the loop condition: " + quote(tree.getCondition()),
          "on to the loop condition");
    }
    if (reachable) {
      TreePath conditionPath = new TreePath(path, unparenthesized(tree.getCondition()));
      String test = condition(conditionPath);
      code().line("if (" + test + ") {").indent();
      jump(body, "again");
      code().unindent().line("}");
      reachable = true;
    }
    if (!reachable && !end.referenced() && holdsSwitchExpression(tree.getCondition())) {
      // The body never completes, yet javac (17 to 25) lets code follow the loop: its flow
      // analysis takes code after a switch expression for reachable, also in this condition.
      // What follows gets a state of its own, which nothing enters, as nothing reaches it.
      place(end, where(tree) + "  after the loop (never reached)", null);
    } else {
      placeIfReached(end, where(tree) + "  after the loop", null);
    }
  }

  private static boolean holdsSwitchExpression(Tree tree) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitSwitchExpression(SwitchExpressionTree node, Void unused) {
            return true;
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(tree, null);
    return Boolean.TRUE.equals(found);
  }

  private void forLoop(TreePath path, ForLoopTree tree) {
    statements(path, tree.getInitializer());
    Label condition = newLabel("the loop condition");
    Label update = newLabel("the loop update");
    Label end = endLabelFor(tree);
    place(
        condition,
        where(tree) + "  the loop condition"
            + (tree.getCondition() != null ? ": " + quote(tree.getCondition()) : ""),
        "on into the loop");
    if (tree.getCondition() != null && !isTrue(tree.getCondition())) {
      jumpUnless(condition(new TreePath(path, tree.getCondition())), tree.getCondition(), end,
          "leave the loop");
    }
    loopBody(path, tree, tree.getStatement(), end, update);
    if (update.referenced()) {
      // A continue jumps here; otherwise the update simply follows the body in the same state.
      place(update, where(tree) + "  the loop update", "on to the loop update");
    }
    if (reachable) {
      for (ExpressionStatementTree step : tree.getUpdate()) {
        // An update has no semicolon of its own in the source: it is written here as a statement.
        TreePath expression = new TreePath(new TreePath(path, step), step.getExpression());
        String value = lower(expression, true);
        if (value != null) {
          emit(value + ";", step);
        }
      }
      jump(condition, "back to the loop condition");
    }
    placeIfReached(end, where(tree) + "  after the loop", null);
  }

  /**
   * A try statement cut into states. Its block runs under a protection that sends exceptions to its
   * catch clauses and finally; its catch blocks under one that sends them to its finally; the
   * finally then continues the way the try was left (see {@link Protection.Finally}).
   */
  private void tryStatement(TreePath path, TryTree tree) {
    Protection outer = protection;
    Label after = newLabel("after the try");
    Protection.Finally finallyBlock =
        tree.getFinallyBlock() != null
            ? newFinally("finally of " + where(tree.getFinallyBlock()))
            : null;
    List<Protection.Catch> catches = new ArrayList<>();
    for (CatchTree clause : tree.getCatches()) {
      LocalVariable parameter = method.names().declaredBy(clause.getParameter());
      Tree type = clause.getParameter().getType();
      List<String> types = new ArrayList<>();
      if (type instanceof UnionTypeTree union) {
        for (Tree alternative : union.getTypeAlternatives()) {
          types.add(source.text(alternative));
        }
      } else {
        types.add(source.text(type));
      }
      String variableType =
          types.size() == 1 ? types.get(0) : com.palantir.javapoet.TypeName.get(parameter.type()).toString();
      Label label = newLabel("catch");
      label.reference();
      catches.add(
          new Protection.Catch(
              types, parameter.generatedName(), variableType, label, where(clause) + "  " + quote(clause)));
    }
    Protection tryProtection = new Protection(outer, catches, finallyBlock);
    Protection catchProtection =
        finallyBlock == null ? outer : new Protection(outer, List.of(), finallyBlock);

    protection = tryProtection;
    place(newLabel("the try block"), where(tree) + "  the try block", "on into the try block");
    resources(path, tree, 0);
    jump(after, "after the try");

    for (int i = 0; i < catches.size(); i++) {
      CatchTree clause = tree.getCatches().get(i);
      protection = catchProtection;
      place(catches.get(i).label(), catches.get(i).source(), null);
      statement(new TreePath(new TreePath(path, clause), clause.getBlock()));
      jump(after, "after the try");
    }

    protection = outer;
    if (finallyBlock != null) {
      place(finallyBlock.label(), where(tree.getFinallyBlock()) + "  finally {", null);
      statement(new TreePath(path, tree.getFinallyBlock()));
      endFinally(finallyBlock);
    }
    placeIfReached(after, where(tree) + "  after the try", null);
  }

  private Protection.Finally newFinally(String description) {
    int number = finallies.size() + 1;
    String leave = Hoisting.unique("leave" + number, takenNames);
    takenNames.add(leave);
    String pending = Hoisting.unique("pending" + number, takenNames);
    takenNames.add(pending);
    Protection.Finally block = new Protection.Finally(newLabel(description), leave, pending, description);
    finallies.add(block);
    return block;
  }

  /**
   * The resources of a try-with-resources from {@code index} on, then its block. Each resource is
   * closed by a finally of its own, in reverse order, with a close failure added to the primary
   * exception as suppressed, as JLS 14.20.3.1 specifies.
   */
  private void resources(TreePath path, TryTree tree, int index) {
    List<? extends Tree> resources = tree.getResources();
    if (index == resources.size()) {
      statement(new TreePath(path, tree.getBlock()));
      return;
    }
    Tree resource = resources.get(index);
    TreePath resourcePath = new TreePath(path, resource);
    String variable;
    if (resource instanceof VariableTree declaration) {
      statement(resourcePath);
      variable = method.names().declaredBy(declaration).generatedName();
    } else {
      String value = lower(resourcePath, false);
      if (method.names().referencedBy(resource) != null) {
        variable = value; // an effectively final local: it cannot change
      } else {
        variable = keep(value, resourcePath);
      }
    }
    if (asyncResources.isAsync(resource)) {
      asyncResource(path, tree, index, resource, variable);
      return;
    }
    Protection outer = protection;
    Label after = newLabel("after closing " + abbreviate(source.text(resource)));
    Protection.Finally closing = newFinally("closing of " + abbreviate(source.text(resource)) + " (" + where(resource) + ")");
    protection = new Protection(outer, List.of(), closing);
    place(newLabel("the try block"), where(resource) + "  in the try with " + quote(resource), null);
    resources(path, tree, index + 1);
    jump(after, "close " + abbreviate(source.text(resource)));
    protection = outer;
    place(closing.label(), where(resource) + "  close " + quote(resource), null);
    State state = current;
    code().line("if (" + variable + " != null) {").indent();
    state.code.line("if (" + closing.leaveField() + " == THROWING) {").indent();
    state.code.line("try {").indent().line(variable + ".close();").unindent();
    state.code.line("} catch (Throwable suppressed) {").indent();
    state.code.line("((Throwable) " + closing.pendingField() + ").addSuppressed(suppressed);");
    state.code.unindent().line("}");
    state.code.unindent().line("} else {").indent();
    state.code.line(variable + ".close();");
    state.code.unindent().line("}");
    state.code.unindent().line("}");
    endFinally(closing);
    placeIfReached(after, where(resource) + "  after closing " + quote(resource), null);
  }

  /**
   * An {@code AsyncCloseable} resource, Python's {@code async with}: its entry is awaited before
   * the block; its exit, in a finally of its own, is awaited with the exception leaving the block
   * (if any), and may swallow it (the code then goes on after the block) or replace it.
   */
  private void asyncResource(TreePath path, TryTree tree, int index, Tree resource, String variable) {
    String name = abbreviate(source.text(resource));
    suspend(variable + ".asyncEnter()", resource, variable + ".asyncEnter()");
    code().line("awaitedValue(); // entered: async with " + neutralised(name));
    Protection outer = protection;
    Label after = newLabel("after the async with " + name);
    Protection.Finally exit = newFinally("exit of " + name + " (" + where(resource) + ")");
    protection = new Protection(outer, List.of(), exit);
    place(newLabel("the block"), where(resource) + "  in the async with " + quote(resource), null);
    resources(path, tree, index + 1);
    jump(after, "leave the async with");
    protection = outer;
    place(exit.label(), where(resource) + "  exit the async with " + quote(resource), null);
    String leave = exit.leaveField();
    suspend(
        variable + ".asyncExit(" + leave + " == THROWING ? (Throwable) " + exit.pendingField() + " : null)",
        resource,
        variable + ".asyncExit(...)");
    code().line("if ((Boolean) awaitedValue() && " + leave + " == THROWING) {").indent();
    code().line(leave + " = " + after + "; // the exit swallowed the exception: go on after the block");
    code().unindent().line("}");
    after.reference();
    exit.addExit(after);
    endFinally(exit);
    placeIfReached(after, where(resource) + "  after the async with " + quote(resource), null);
  }

  /**
   * The end of a finally block: go on the way the try was left, which {@code leaveN} says: throw
   * the pending exception, return the pending value, or go to the state the try was leaving for,
   * through the finally blocks further out if there are any.
   */
  private void endFinally(Protection.Finally block) {
    if (!reachable) {
      return;
    }
    Code code = code();
    String leave = block.leaveField();
    String pending = block.pendingField();
    code.line("// leave as the try was left: " + leave + " says how");
    code.line("if (" + leave + " == THROWING) {").indent();
    code.line("throw (Throwable) " + pending + ";").unindent().line("}");
    code.line("if (" + leave + " == RETURNING) {").indent();
    List<Protection.Finally> outward = Protection.between(protection, null);
    if (outward.isEmpty()) {
      code.line("return " + pending + ";");
    } else {
      Protection.Finally next = outward.get(0);
      next.label().reference();
      code.line(next.leaveField() + " = RETURNING;");
      code.line(next.pendingField() + " = " + pending + ";");
      code.line("state = " + next.label() + ";");
      code.line("continue;");
    }
    code.unindent().line("}");
    // Exits that leave the try around this one too go through its finally first.
    Map<Protection.Finally, List<Label>> further = new java.util.LinkedHashMap<>();
    for (Label exit : block.exits()) {
      List<Protection.Finally> through = Protection.between(protection, labelProtection.get(exit));
      if (!through.isEmpty()) {
        further.computeIfAbsent(through.get(0), k -> new ArrayList<>()).add(exit);
      }
    }
    further.forEach(
        (next, exits) -> {
          exits.forEach(next::addExit);
          next.label().reference();
          String test =
              exits.stream().map(exit -> leave + " == " + exit).collect(java.util.stream.Collectors.joining(" || "));
          code.line("if (" + test + ") {").indent();
          code.line(next.leaveField() + " = " + leave + ";");
          code.line("state = " + next.label() + ";");
          code.line("continue;");
          code.unindent().line("}");
        });
    code.line("state = " + leave + ";");
    code.line("continue;");
    move(null, Move.END, "rethrow or return, as the try was left");
    for (Label exit : block.exits()) {
      if (!further.values().stream().anyMatch(list -> list.contains(exit))) {
        move(exit, Move.JUMP, "as the try was left");
      }
    }
    further.keySet().forEach(next -> move(next.label(), Move.JUMP, "on through the outer finally"));
    usesDispatchLoop = true;
    reachable = false;
  }

  /**
   * A for-each loop: the iterable is evaluated once into an iterator, as Java does; each round
   * takes the next element into the loop variable ({@code next(iterator, () -> elementOf(xs))}
   * gives it the element type of {@code xs}).
   */
  private void forEachLoop(TreePath path, EnhancedForLoopTree tree) {
    TreePath iterablePath = new TreePath(path, tree.getExpression());
    String iterable = lower(iterablePath, false);
    String iterator = newTemporary("iterator", "The iterator of the for-each loop of " + where(tree));
    code().line(iterator + " = iterate(" + iterable + "); // " + where(tree) + "  " + quote(tree));
    Label condition = newLabel("the loop condition");
    Label end = endLabelFor(tree);
    place(condition, where(tree) + "  the loop condition: is there another element?", "on into the loop");
    jumpUnless("hasNext(" + iterator + ")", end, "leave the loop");
    LocalVariable variable = method.names().declaredBy(tree.getVariable());
    code().line(
        variable.generatedName() + " = next(" + iterator + ", () -> elementOf(" + copier.witness(iterablePath)
            + ")); // " + where(tree) + "  the next element");
    loopBody(path, tree, tree.getStatement(), end, condition);
    jump(condition, "back to the loop condition");
    placeIfReached(end, where(tree) + "  after the loop", null);
  }

  /**
   * A switch statement: a Java switch on the selector sends control to the state of the matching
   * case; the case bodies follow in order, falling through as Java's do.
   */
  private void switchStatement(TreePath path, SwitchTree tree) {
    TreePath selectorPath = new TreePath(path, unparenthesized(tree.getExpression()));
    String selector = condition(selectorPath);
    Label end = newLabel("after the switch");
    breakTargets.put(tree, end);
    List<Label> bodies = dispatch(path, tree.getCases(), selector, end, tree);
    for (int i = 0; i < tree.getCases().size(); i++) {
      CaseTree caseTree = tree.getCases().get(i);
      TreePath casePath = new TreePath(path, caseTree);
      place(bodies.get(i), where(caseTree) + "  " + quote(caseTree), "on into the next case, as Java falls through");
      if (caseTree.getCaseKind() == CaseTree.CaseKind.RULE) {
        Tree body = caseTree.getBody();
        if (body instanceof ExpressionTree expression) {
          String value = lower(new TreePath(casePath, expression), true);
          if (value != null) {
            emit(value + ";", expression);
          }
        } else {
          statement(new TreePath(casePath, body));
        }
        jump(end, "after the switch");
      } else {
        statements(casePath, caseTree.getStatements());
      }
    }
    placeIfReached(end, where(tree) + "  after the switch", null);
  }

  /**
   * Emits {@code switch (selector) { case A: state = n; continue; ... }} and returns the labels of
   * the case bodies, in order.
   */
  private List<Label> dispatch(
      TreePath path, List<? extends CaseTree> cases, String selector, Label noMatch, Tree switchTree) {
    List<Label> bodies = new ArrayList<>();
    code().line("// " + where(switchTree) + "  " + quote(switchTree));
    code().line("switch (" + selector + ") {").indent();
    boolean hasDefault = false;
    boolean enhanced = false;
    for (CaseTree caseTree : cases) {
      Label body = newLabel("case");
      body.reference();
      bodies.add(body);
      TreePath casePath = new TreePath(path, caseTree);
      CaseLabels labels = caseLabels(casePath);
      hasDefault |= labels.isDefault();
      enhanced |= labels.hasPatternOrNull();
      code().line(labels.text() + ":").indent();
      // A pattern variable is local to the case that binds it: keep it for the case body's states.
      for (LocalVariable binding : labels.keptBindings()) {
        code().line(
            "this." + binding.generatedName() + " = " + binding.generatedName()
                + "; // the pattern variable, kept for the case's states");
      }
      move(body, Move.JUMP, labels.text());
      code().line("state = " + body + ";");
      code().line("continue;").unindent();
    }
    code().unindent().line("}");
    usesDispatchLoop = true;
    if (hasDefault || enhanced) {
      // A switch with patterns or case null is exhaustive, as javac checked on the user's switch:
      // some case always matches (or the switch throws MatchException), so nothing follows it here.
      reachable = false;
    } else {
      jump(noMatch, "no case matched");
    }
    return bodies;
  }

  /**
   * The labels of one case as the dispatch switch writes them: the constants, patterns, {@code
   * null} and {@code default} of the user's case and its guard ({@code when ...}), copied.
   *
   * @param keptBindings the pattern variables the labels bind that are kept in fields
   */
  private record CaseLabels(
      String text, boolean isDefault, boolean hasPatternOrNull, List<LocalVariable> keptBindings) {}

  /**
   * Reads a case's labels through the JDK's own tree traversal, so that the labels of newer Java
   * versions (patterns, {@code case null, default}, guards: Java 21) come out as the user wrote
   * them, with the copier's edits, while the processor is built against Java 17's API.
   */
  private CaseLabels caseLabels(TreePath casePath) {
    CaseTree caseTree = (CaseTree) casePath.getLeaf();
    List<Tree> labelParts = new ArrayList<>();
    for (Tree child : childrenOf(caseTree)) {
      if (child != caseTree.getBody()
          && (caseTree.getStatements() == null || !caseTree.getStatements().contains(child))) {
        labelParts.add(child); // a label (a constant, a pattern, null, default) or the guard
      }
    }
    int caseStart = source.start(caseTree);
    String caseText = source.text(caseTree);
    if (labelParts.isEmpty()) {
      return new CaseLabels("default", true, false, List.of()); // Java 17: default has no tree
    }
    StringBuilder text = new StringBuilder();
    int at = caseStart;
    for (Tree part : labelParts) {
      int start = source.start(part);
      if (start < at) {
        continue; // no position of its own (javac's default label in some versions)
      }
      text.append(source.text(at, start)).append(copier.copy(new TreePath(casePath, part)));
      at = source.end(part);
    }
    boolean isDefault = caseText.startsWith("default");
    if (isDefault && text.length() == 0) {
      text.append("default");
    }
    LabelKinds kinds = new LabelKinds();
    List<LocalVariable> kept = new ArrayList<>();
    for (Tree part : labelParts) {
      if (isGuard(caseTree, part)) {
        continue; // a guard's own instanceof bindings are kept by the copier
      }
      kinds.scan(part, null);
      for (VariableTree binding : Copier.bindingsOf(part)) {
        LocalVariable variable = method.names().declaredBy(binding);
        if (variable != null && variable.hoisted()) {
          kept.add(variable);
        }
      }
    }
    return new CaseLabels(text.toString(), isDefault || kinds.defaultLabel, kinds.patternOrNull, kept);
  }

  /**
   * Whether {@code child}, a tree directly under {@code caseTree}, is the case's guard ({@code
   * when ...}, Java 21) rather than one of its labels or its body.
   */
  static boolean isGuard(CaseTree caseTree, Tree child) {
    return child != caseTree.getBody()
        && (caseTree.getStatements() == null || !caseTree.getStatements().contains(child))
        && !caseTree.getExpressions().contains(child)
        && !child.getKind().name().endsWith("_CASE_LABEL");
  }

  /** The trees directly under {@code tree}, in the order the JDK's {@link TreeScanner} visits them. */
  static List<Tree> childrenOf(Tree tree) {
    List<Tree> children = new ArrayList<>();
    tree.accept(
        new TreeScanner<Void, Void>() {
          @Override
          public Void scan(Tree child, Void unused) {
            if (child != null) {
              children.add(child);
            }
            return null;
          }
        },
        null);
    return children;
  }

  /**
   * What kinds of labels a case has, found by the kinds' names: the trees of patterns in switches
   * (Java 21) are not in the Java 17 API that the processor is built against.
   */
  private static final class LabelKinds extends TreeScanner<Void, Void> {
    boolean patternOrNull;
    boolean defaultLabel;

    @Override
    public Void scan(Tree tree, Void unused) {
      if (tree != null) {
        switch (tree.getKind().name()) {
          case "BINDING_PATTERN", "DECONSTRUCTION_PATTERN", "ANY_PATTERN", "NULL_LITERAL" ->
              patternOrNull = true;
          case "DEFAULT_CASE_LABEL" -> defaultLabel = true;
          default -> {}
        }
      }
      return super.scan(tree, null);
    }
  }

  private Label endLabelFor(Tree loop) {
    if (pendingLabel != null && pendingLabel.getStatement() == loop) {
      return breakTargets.get(pendingLabel);
    }
    return newLabel("after the loop");
  }

  private void loopBody(TreePath path, Tree loop, StatementTree body, Label end, Label next) {
    breakTargets.put(loop, end);
    continueTargets.put(loop, next);
    if (pendingLabel != null && pendingLabel.getStatement() == loop) {
      continueTargets.put(pendingLabel, next);
      pendingLabel = null;
    }
    statement(new TreePath(path, body));
  }

  private void labeled(TreePath path, LabeledStatementTree tree) {
    if (!suspensions.contains(tree)) {
      copied(path);
      return;
    }
    Label end = newLabel("after " + tree.getLabel());
    breakTargets.put(tree, end);
    pendingLabel = tree;
    statement(new TreePath(path, tree.getStatement()));
    pendingLabel = null;
    if (!end.placed()) { // a labelled loop places the label itself, as its end
      placeIfReached(end, where(tree) + "  after the statement labelled " + tree.getLabel(), null);
    }
  }

  /** A {@code break} or {@code continue} at the level of the states. */
  private void jumpStatement(TreePath path) {
    Label target = jumpTargetLabel(path);
    if (target == null) {
      copied(path);
      return;
    }
    code().line("// " + where(path.getLeaf()) + "  " + quote(path.getLeaf()));
    jump(target, target.description());
  }

  private void returnStatement(TreePath path, ReturnTree tree) {
    ExpressionTree expression = tree.getExpression();
    if (suspensions.isTailAwait(tree)) {
      // return other();  is  return done(Await.of(other()));
      TreePath awaitable = new TreePath(path, expression);
      String value = suspensions.contains(expression) ? lower(awaitable, false) : copier.copy(awaitable);
      suspend(value, tree);
      returnValue("awaitedValue()", where(tree) + "  " + quote(tree));
    } else {
      MethodInvocationTree done = (MethodInvocationTree) expression;
      TreePath donePath = new TreePath(path, done);
      // The value is returned as an Object: an awaited value needs no type here.
      String value = lowerAssigned(new TreePath(donePath, done.getArguments().get(0)), "Object");
      returnValue(value.equals("(Object) awaitedValue()") ? "awaitedValue()" : value, where(tree) + "  " + quote(tree));
    }
  }

  /** Places {@code label} if it can be reached: by falling into it, or by a jump. */
  private void placeIfReached(Label label, String comment, String fallThroughComment) {
    if (reachable || label.referenced()) {
      place(label, comment, fallThroughComment);
    }
  }

  /** The label a copied {@code break} or {@code continue} goes to, if it leaves copied code. */
  private Label jumpTargetLabel(TreePath jump) {
    boolean isBreak = jump.getLeaf() instanceof BreakTree;
    javax.lang.model.element.Name label =
        isBreak ? ((BreakTree) jump.getLeaf()).getLabel() : ((ContinueTree) jump.getLeaf()).getLabel();
    for (TreePath p = jump.getParentPath(); p != null; p = p.getParentPath()) {
      Tree tree = p.getLeaf();
      if (tree instanceof LambdaExpressionTree || tree instanceof ClassTree || tree instanceof MethodTree) {
        return null;
      }
      boolean target =
          label != null
              ? tree instanceof LabeledStatementTree labeled && labeled.getLabel().equals(label)
              : isLoop(tree) || (isBreak && tree instanceof SwitchTree);
      if (target) {
        return isBreak ? breakTargets.get(tree) : continueTargets.get(tree);
      }
    }
    return null;
  }

  /** What copied code does to jumps out of it and to returns. */
  private final Copier.Jumps jumps =
      new Copier.Jumps() {
        @Override
        public String rewriteJump(TreePath jump, Copier.Around around) {
          Label target = jumpTargetLabel(jump);
          if (target == null) {
            return null;
          }
          target.reference();
          String code;
          List<Protection.Finally> through =
              Protection.between(protection, labelProtection.get(target));
          if (through.isEmpty()) {
            move(target, Move.JUMP, target.description());
            code = goTo(target.toString(), around);
          } else {
            Protection.Finally block = through.get(0);
            block.addExit(target);
            block.label().reference();
            move(block.label(), Move.JUMP, target.description() + ", through the finally");
            code = block.leaveField() + " = " + target + "; " + goTo(block.label().toString(), around);
          }
          return inBlock(jump) ? code : "{ " + code + " }";
        }

        @Override
        public String rewriteYield(TreePath yield, String value, Copier.Around around) {
          if (switchResults == null || targetOfYield(yield) != switchResults.switchTree) {
            return null;
          }
          switchResults.end.reference();
          move(switchResults.end, Move.JUMP, "yield");
          TreePath valuePath = new TreePath(yield, ((YieldTree) yield.getLeaf()).getValue());
          String code =
              switchResults.keep(valuePath, value) + " " + goTo(switchResults.end.toString(), around);
          return inBlock(yield) ? code : "{ " + code + " }";
        }

        @Override
        public String rewriteReturn(TreePath ret, String value, Copier.Around around) {
          List<Protection.Finally> through = Protection.between(protection, null);
          if (through.isEmpty()) {
            move(null, Move.END, "return");
            return "return " + value + ";";
          }
          Protection.Finally block = through.get(0);
          block.label().reference();
          move(block.label(), Move.JUMP, "return, through the finally");
          String code =
              block.leaveField() + " = RETURNING; " + block.pendingField() + " = " + value + "; "
                  + goTo(block.label().toString(), around);
          return inBlock(ret) ? code : "{ " + code + " }";
        }
      };

  /** The jump of copied code to {@code label}'s state. */
  private String goTo(String label, Copier.Around around) {
    if (around.cleanup()) {
      escapes = true;
      return escapeTarget + " = " + label + "; break " + escapeLabel + ";";
    }
    return "state = " + label + "; " + continueDispatch(around.loop());
  }

  private String continueDispatch(boolean inCopiedLoop) {
    usesDispatchLoop = true;
    if (inCopiedLoop) {
      usesDispatchLabel = true;
      return "continue " + dispatchLabel + ";";
    }
    return "continue;";
  }

  private static boolean inBlock(TreePath statement) {
    Tree parent = statement.getParentPath().getLeaf();
    return parent instanceof BlockTree || parent instanceof com.sun.source.tree.CaseTree;
  }

  // ---- expressions

  /** The text of a condition, lowered if it awaits. */
  private String condition(TreePath path) {
    return suspensions.contains(path.getLeaf()) ? lower(path, false) : copier.copy(path);
  }

  /**
   * Emits the evaluation of the expression at {@code path} up to its last await and returns the
   * code that finishes it. With {@code discarded}, the value is not needed (an expression
   * statement); then null may be returned when nothing remains to evaluate.
   */
  private String lower(TreePath path, boolean discarded) {
    Tree tree = path.getLeaf();
    if (!suspensions.contains(tree)) {
      return copier.copy(path);
    }
    if (method.api().isAwait(tree)) {
      MethodInvocationTree await = (MethodInvocationTree) tree;
      TreePath argument = new TreePath(path, await.getArguments().get(0));
      String awaitable = lower(argument, false);
      suspend(awaitable, tree);
      if (discarded) {
        code().line(
            "awaitedValue(); // throws here what "
                + neutralised(abbreviate(source.text(await.getArguments().get(0)))) + " threw");
        return null;
      }
      String cast = AwaitedTypes.castValue(method, path);
      return cast != null ? cast : "awaitedValue(() -> " + copier.witness(path) + ")";
    }
    if ((tree.getKind() == Tree.Kind.CONDITIONAL_AND || tree.getKind() == Tree.Kind.CONDITIONAL_OR)
        && suspensions.contains(((BinaryTree) tree).getRightOperand())) {
      return shortCircuit(path, (BinaryTree) tree);
    }
    if (tree instanceof ConditionalExpressionTree conditional
        && (suspensions.contains(conditional.getTrueExpression())
            || suspensions.contains(conditional.getFalseExpression()))) {
      return conditional(path, conditional);
    }
    if (tree.getKind() == Tree.Kind.SWITCH_EXPRESSION) {
      return switchExpression(path);
    }
    if (tree instanceof CompoundAssignmentTree compound
        && suspensions.contains(compound.getExpression())
        && !isStable(compound.getVariable(), List.of(compound.getExpression()))) {
      // Java reads the variable before the right side; a field or element may change meanwhile.
      return compoundAssignment(path, compound, discarded);
    }
    List<Tree> operands = operandsInOrder(path);
    int lastSuspending = -1;
    for (int i = 0; i < operands.size(); i++) {
      if (suspensions.contains(operands.get(i))) {
        lastSuspending = i;
      }
    }
    Map<Tree, String> values = new IdentityHashMap<>();
    for (int i = 0; i < operands.size(); i++) {
      Tree operand = operands.get(i);
      TreePath operandPath = pathTo(path, operand);
      String value = lower(operandPath, false);
      if (i < lastSuspending && !isStable(operand, operands.subList(i + 1, operands.size()))) {
        value = keep(value, operandPath);
      }
      values.put(operand, value);
    }
    return copier.copy(path, values, null);
  }

  /**
   * {@code a && b} or {@code a || b} where {@code b} awaits: {@code b} is evaluated, in states of its
   * own, only when {@code a} does not decide the result already, as Java does.
   */
  private String shortCircuit(TreePath path, BinaryTree tree) {
    boolean and = tree.getKind() == Tree.Kind.CONDITIONAL_AND;
    String left = lower(new TreePath(path, tree.getLeftOperand()), false);
    String result = newTemporary("cond", "boolean", "The value of {@code " + javadocSafe(abbreviate(source.text(tree))) + "} from " + where(tree));
    Label decided = newLabel("the value of " + abbreviate(source.text(tree)) + " is known");
    code().line(result + " = " + left + "; // the left side of " + (and ? "&&" : "||"));
    code().line("if (" + (and ? "!" : "") + result + ") {").indent();
    jump(decided, "skip the right side: the left side decides");
    code().unindent().line("}");
    reachable = true;
    String right = lower(new TreePath(path, tree.getRightOperand()), false);
    code().line(result + " = " + right + "; // the right side decides");
    placeIfReached(decided, where(tree) + "  the value of " + quote(tree) + " is known", null);
    return result;
  }

  /**
   * {@code c ? a : b} where a branch awaits: only the chosen branch is evaluated, and its value
   * kept; the conditional is then written again on the kept values, so that javac converts them
   * as in the method ({@code b ? 1 : 2L} is a {@code long}).
   */
  private String conditional(TreePath path, ConditionalExpressionTree tree) {
    String condition = lower(new TreePath(path, tree.getCondition()), false);
    String chosen = newTemporary("cond", "boolean", "Which branch of {@code " + javadocSafe(abbreviate(source.text(tree))) + "} from " + where(tree) + " was taken");
    String whenTrue =
        isConstant(tree.getTrueExpression())
            ? null
            : newTemporary("tmp", "The true branch of {@code " + javadocSafe(abbreviate(source.text(tree))) + "}");
    String whenFalse =
        isConstant(tree.getFalseExpression())
            ? null
            : newTemporary("tmp", "The false branch of {@code " + javadocSafe(abbreviate(source.text(tree))) + "}");
    Label otherwise = newLabel("the false branch");
    Label end = newLabel("the value is known");
    code().line(chosen + " = " + condition + "; // " + where(tree) + "  the condition of ?:");
    jumpUnless(chosen, otherwise, "the false branch of ?:");
    TreePath truePath = new TreePath(path, tree.getTrueExpression());
    TreePath falsePath = new TreePath(path, tree.getFalseExpression());
    String trueValue = lower(truePath, false); // may move on to later states: evaluate first
    if (!isConstant(truePath.getLeaf())) {
      code().line(whenTrue + " = " + trueValue + "; // the true branch");
      trueValue = "typed(" + whenTrue + ", () -> " + copier.witness(truePath) + ")";
    }
    jump(end, "the value is known");
    place(otherwise, where(tree.getFalseExpression()) + "  the false branch of ?:", null);
    String falseValue = lower(falsePath, false);
    if (!isConstant(falsePath.getLeaf())) {
      code().line(whenFalse + " = " + falseValue + "; // the false branch");
      falseValue = "typed(" + whenFalse + ", () -> " + copier.witness(falsePath) + ")";
    }
    place(end, where(tree) + "  the value of " + quote(tree) + " is known", "on with the value");
    // The conditional itself, on the kept values: javac types it exactly as in the method.
    return "(" + chosen + " ? " + trueValue + " : " + falseValue + ")";
  }

  /**
   * A switch expression that awaits: dispatched like a switch statement; each arm's value (or
   * {@code yield}) is kept, and read back with the type of the whole.
   */
  private String switchExpression(TreePath path) {
    Tree tree = path.getLeaf();
    SwitchExpressionTree switchTree = (SwitchExpressionTree) tree;
    String arm = newTemporary("arm", "int", "Which result of the switch expression of " + where(tree) + " was chosen");
    ExpressionTree selectorTree = unparenthesized(switchTree.getExpression());
    String selector = condition(new TreePath(path, selectorTree));
    Label end = newLabel("the value of the switch is known");
    List<? extends CaseTree> cases = switchTree.getCases();
    List<Label> bodies = dispatch(path, cases, selector, end, tree);
    SwitchResults previous = switchResults;
    switchResults = new SwitchResults(tree, arm, end);
    for (int i = 0; i < cases.size(); i++) {
      CaseTree caseTree = cases.get(i);
      TreePath casePath = new TreePath(path, caseTree);
      place(bodies.get(i), where(caseTree) + "  " + quote(caseTree), "on into the next case, as Java falls through");
      if (caseTree.getCaseKind() == CaseTree.CaseKind.RULE) {
        Tree body = caseTree.getBody();
        if (body instanceof ExpressionTree expression) {
          TreePath valuePath = new TreePath(casePath, expression);
          String value = lower(valuePath, false);
          code().line(switchResults.keep(valuePath, value) + " // the value of this case");
          jump(end, "the value of the switch is known");
        } else {
          statement(new TreePath(casePath, body));
        }
      } else {
        statements(casePath, caseTree.getStatements());
      }
    }
    SwitchResults results = switchResults;
    switchResults = previous;
    place(end, where(tree) + "  the value of the switch is known", null);
    // A switch expression again, on the kept results: javac types it as in the method.
    StringBuilder residual = new StringBuilder("switch (" + arm + ") { // the case that gave the value");
    // Continuation lines carry the user's indentation, which emit() takes off again.
    String indentation = " ".repeat(source.indentationOfLine(source.start(tree)));
    for (int k = 0; k < results.values.size(); k++) {
      residual.append("\n").append(indentation).append(Code.INDENT)
          .append(k == results.values.size() - 1 ? "default -> " : "case " + k + " -> ")
          .append(results.values.get(k)).append(";");
    }
    return residual.append("\n").append(indentation).append("}").toString();
  }

  /** The result expressions of a switch expression being cut into states, each kept apart. */
  private final class SwitchResults {
    final Tree switchTree;
    final String arm;
    final Label end;
    final List<String> values = new ArrayList<>();

    SwitchResults(Tree switchTree, String arm, Label end) {
      this.switchTree = switchTree;
      this.arm = arm;
      this.end = end;
    }

    /**
     * Keeps one result: {@code arm3 = 1; tmp4 = value;}, and returns that code (a constant is not
     * kept: the switch is rebuilt with it in place).
     */
    String keep(TreePath resultPath, String value) {
      int index = values.size();
      if (isConstant(resultPath.getLeaf())) {
        values.add(value);
        return arm + " = " + index + ";";
      }
      String kept = newTemporary("tmp", "A result of the switch expression of " + where(switchTree));
      values.add("typed(" + kept + ", () -> " + copier.witness(resultPath) + ")");
      return arm + " = " + index + "; " + kept + " = " + value + ";";
    }
  }

  private SwitchResults switchResults;

  /** The switch expression a {@code yield} gives its value to. */
  private static Tree targetOfYield(TreePath yield) {
    for (TreePath p = yield.getParentPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof SwitchExpressionTree) {
        return p.getLeaf();
      }
    }
    return null;
  }

  /** {@code yield v;} in a switch expression cut into states: keep the value, leave the switch. */
  private void yieldStatement(TreePath path, ExpressionTree value) {
    TreePath valuePath = new TreePath(path, value);
    String text = lower(valuePath, false);
    code().line(switchResults.keep(valuePath, text) + " // " + where(path.getLeaf()) + "  " + quote(path.getLeaf()));
    jump(switchResults.end, "the value of the switch is known");
  }

  /**
   * {@code a[i] += Await.of(x)}: Java reads {@code a[i]} before the right side, which awaits, so
   * the value read is kept and written back just before the compound assignment is done (used as a
   * value, these steps happen in a lambda that {@code evaluate} runs at once). The same for a
   * local that the right side assigns ({@code x += f(x = 10, Await.of(y))}); other locals keep
   * their value across it. The rest of the right side is evaluated before the value is written
   * back: if it throws (an awaited exception), the variable keeps the value it has then, and it
   * may read the variable ({@code f(..., x)}, {@code total += Await.of(t) + total}).
   */
  private String compoundAssignment(TreePath path, CompoundAssignmentTree tree, boolean discarded) {
    ExpressionTree variable = tree.getVariable();
    while (variable instanceof ParenthesizedTree parens) {
      variable = parens.getExpression();
    }
    TreePath variablePath = pathTo(path, variable);
    Map<Tree, String> parts = new IdentityHashMap<>();
    List<Tree> operands = lvalueOperands(variable);
    for (Tree operand : operands) {
      TreePath operandPath = pathTo(path, operand);
      String value = lower(operandPath, false);
      if (!isStable(operand, List.of(tree.getExpression()))) {
        value = keep(value, operandPath);
      }
      parts.put(operand, value);
    }
    String target = copier.copy(variablePath, parts, null);
    String old = keep(target, variablePath);
    TreePath valuePath = new TreePath(path, tree.getExpression());
    String value = lower(valuePath, false);
    String operator = source.text(source.end(tree.getVariable()), source.start(tree.getExpression())).strip();
    String restore = target + " = " + old + ";";
    String rightSide = newTemporary("tmp", "The value of the right side of " + where(tree));
    String result = "typed(" + rightSide + ", () -> " + copier.witness(valuePath) + ")";
    if (!discarded) {
      // Used as a value: the steps in one expression, a lambda run at once.
      return "evaluate(() -> { " + rightSide + " = " + value + "; " + restore + " return " + target
          + " " + operator + " " + result + "; })";
    }
    String name = abbreviate(source.text(variable));
    code().line(rightSide + " = " + value + "; // the right side first: it may throw, or read " + name);
    code().line(restore + " // the value " + name + " had before the await");
    return target + " " + operator + " " + result;
  }

  /**
   * The operands of an expression that Java evaluates before the expression itself, in the order
   * it evaluates them (JLS 15.7). Fails for the expressions asyncj cannot take apart yet.
   */
  private List<Tree> operandsInOrder(TreePath path) {
    Tree tree = path.getLeaf();
    List<Tree> operands = new ArrayList<>();
    if (tree instanceof MethodInvocationTree call) {
      if (call.getMethodSelect() instanceof MemberSelectTree select && isValue(select.getExpression())) {
        operands.add(select.getExpression());
      }
      operands.addAll(call.getArguments());
    } else if (tree instanceof NewClassTree creation) {
      if (creation.getEnclosingExpression() != null) {
        operands.add(creation.getEnclosingExpression());
      }
      operands.addAll(creation.getArguments());
    } else if (tree instanceof NewArrayTree array) {
      if (array.getDimensions() != null) {
        operands.addAll(array.getDimensions());
      }
      if (array.getInitializers() != null) {
        operands.addAll(array.getInitializers());
      }
    } else if (tree instanceof BinaryTree binary) {
      operands.add(binary.getLeftOperand());
      operands.add(binary.getRightOperand());
    } else if (tree instanceof ConditionalExpressionTree conditional) {
      operands.add(conditional.getCondition());
      operands.add(conditional.getTrueExpression());
      operands.add(conditional.getFalseExpression());
    } else if (tree instanceof AssignmentTree assignment) {
      operands.addAll(lvalueOperands(assignment.getVariable()));
      operands.add(assignment.getExpression());
    } else if (tree instanceof CompoundAssignmentTree compound) {
      operands.addAll(lvalueOperands(compound.getVariable()));
      operands.add(compound.getExpression());
    } else if (tree instanceof UnaryTree unary) {
      if (isIncrementOrDecrement(tree)) {
        operands.addAll(lvalueOperands(unary.getExpression()));
      } else {
        operands.add(unary.getExpression());
      }
    } else if (tree instanceof ParenthesizedTree parens) {
      operands.add(parens.getExpression());
    } else if (tree instanceof TypeCastTree cast) {
      operands.add(cast.getExpression());
    } else if (tree instanceof InstanceOfTree instanceOf) {
      operands.add(instanceOf.getExpression());
    } else if (tree instanceof MemberSelectTree select) {
      operands.add(select.getExpression());
    } else if (tree instanceof ArrayAccessTree access) {
      operands.add(access.getExpression());
      operands.add(access.getIndex());
    } else {
      throw new Unsupported(path, describe(tree));
    }
    return operands;
  }

  /** The operands an assignment evaluates before its right side: {@code a} and {@code i} of {@code a[i]}. */
  private List<Tree> lvalueOperands(ExpressionTree variable) {
    while (variable instanceof ParenthesizedTree parens) {
      variable = parens.getExpression();
    }
    if (variable instanceof ArrayAccessTree access) {
      return List.of(access.getExpression(), access.getIndex());
    }
    if (variable instanceof MemberSelectTree select && isValue(select.getExpression())) {
      return List.of(select.getExpression());
    }
    return List.of();
  }

  /**
   * Whether {@code operand} gives the same value if evaluated after the awaits of {@code rest}
   * instead of before: a literal, {@code this}, a lambda, a constant, or a local that {@code rest}
   * does not assign. Other operands are kept in temporaries.
   */
  private boolean isStable(Tree operand, List<Tree> rest) {
    while (operand instanceof ParenthesizedTree parens) {
      operand = parens.getExpression();
    }
    if (isConstant(operand)) {
      return true;
    }
    switch (operand.getKind()) {
      case INT_LITERAL:
      case LONG_LITERAL:
      case FLOAT_LITERAL:
      case DOUBLE_LITERAL:
      case BOOLEAN_LITERAL:
      case CHAR_LITERAL:
      case STRING_LITERAL:
      case NULL_LITERAL:
        return true;
      case LAMBDA_EXPRESSION:
        // Evaluating a lambda again later gives the same lambda, unless it captures a loop variable
        // kept in a field, whose copy must be taken now.
        return !usesVariableNeedingCopy(operand);
      case MEMBER_REFERENCE:
        {
          ExpressionTree qualifier = ((MemberReferenceTree) operand).getQualifierExpression();
          return !isValue(qualifier) || isStable(qualifier, rest);
        }
      case IDENTIFIER:
        {
          if (method.names().isThisReference(operand)) {
            return true;
          }
          LocalVariable variable = method.names().referencedBy(operand);
          if (variable != null) {
            return !assigns(rest, variable);
          }
          return method.scope().constantField((ExpressionTree) operand).isPresent();
        }
      case MEMBER_SELECT:
        {
          MemberSelectTree select = (MemberSelectTree) operand;
          if (select.getIdentifier().contentEquals("class") || method.names().isThisReference(select)) {
            return true;
          }
          return method.scope().constantField(select).isPresent();
        }
      default:
        return false;
    }
  }

  /**
   * Whether {@code tree} is a constant expression (JLS 15.29): literals, constant fields, and
   * operators, casts and conditionals over them. Its value is the same whenever it is evaluated, so
   * it is never kept; and a kept constant could not be typed back, since {@code () -> 10} fits a
   * {@code byte}, a {@code short} and a {@code char} alike.
   */
  private boolean isConstant(Tree tree) {
    switch (tree.getKind()) {
      case INT_LITERAL:
      case LONG_LITERAL:
      case FLOAT_LITERAL:
      case DOUBLE_LITERAL:
      case BOOLEAN_LITERAL:
      case CHAR_LITERAL:
      case STRING_LITERAL:
        return true;
      case PARENTHESIZED:
        return isConstant(((ParenthesizedTree) tree).getExpression());
      case TYPE_CAST:
        return isConstant(((TypeCastTree) tree).getExpression());
      case CONDITIONAL_EXPRESSION:
        {
          ConditionalExpressionTree conditional = (ConditionalExpressionTree) tree;
          return isConstant(conditional.getCondition())
              && isConstant(conditional.getTrueExpression())
              && isConstant(conditional.getFalseExpression());
        }
      case UNARY_PLUS:
      case UNARY_MINUS:
      case BITWISE_COMPLEMENT:
      case LOGICAL_COMPLEMENT:
        return isConstant(((UnaryTree) tree).getExpression());
      case IDENTIFIER:
      case MEMBER_SELECT:
        return method.names().referencedBy(tree) == null
            && method.scope().constantField((ExpressionTree) tree)
                .map(field -> field.getConstantValue() != null)
                .orElse(false);
      default:
        return tree instanceof BinaryTree binary
            && isConstant(binary.getLeftOperand())
            && isConstant(binary.getRightOperand());
    }
  }

  private boolean usesVariableNeedingCopy(Tree tree) {
    BodyNames names = method.names();
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitIdentifier(IdentifierTree identifier, Void unused) {
            LocalVariable variable = names.referencedBy(identifier);
            return variable != null && Copier.needsCapturedCopy(variable);
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(tree, null);
    return Boolean.TRUE.equals(found);
  }

  /** Whether any of {@code trees} assigns {@code variable}. */
  private boolean assigns(List<Tree> trees, LocalVariable variable) {
    BodyNames names = method.names();
    TreeScanner<Boolean, Void> scanner =
        new TreeScanner<>() {
          @Override
          public Boolean visitAssignment(AssignmentTree tree, Void unused) {
            return names.referencedBy(tree.getVariable()) == variable
                || Boolean.TRUE.equals(super.visitAssignment(tree, null));
          }

          @Override
          public Boolean visitCompoundAssignment(CompoundAssignmentTree tree, Void unused) {
            return names.referencedBy(tree.getVariable()) == variable
                || Boolean.TRUE.equals(super.visitCompoundAssignment(tree, null));
          }

          @Override
          public Boolean visitUnary(UnaryTree tree, Void unused) {
            return (isIncrementOrDecrement(tree) && names.referencedBy(tree.getExpression()) == variable)
                || Boolean.TRUE.equals(super.visitUnary(tree, null));
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        };
    for (Tree tree : trees) {
      if (Boolean.TRUE.equals(scanner.scan(tree, null))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Emits {@code tmpN = value;} and returns the code that reads it back with the type of the
   * expression at {@code path}.
   */
  private String keep(String value, TreePath path) {
    Tree tree = path.getLeaf();
    String name =
        newTemporary(
            "tmp",
            "{@code " + javadocSafe(abbreviate(source.text(tree))) + "} from " + where(tree)
                + ", evaluated before the await that follows it");
    code().line(name + " = " + value + "; // keep " + abbreviate(source.text(tree)) + " across the await");
    return "typed(" + name + ", () -> " + copier.witness(path) + ")";
  }

  /** A new {@code Object} field named {@code <prefix><n>}, with a Javadoc comment. */
  private String newTemporary(String prefix, String comment) {
    return newTemporary(prefix, "Object", comment);
  }

  /** A new field of {@code type} named {@code <prefix><n>}, with a Javadoc comment. */
  private String newTemporary(String prefix, String type, String comment) {
    String name = Hoisting.unique(prefix + (temporaries.size() + 1), takenNames);
    takenNames.add(name);
    temporaries.add(new Temporary(name, type, comment));
    return name;
  }

  /** Whether {@code expression} is a value that Java evaluates, not a type or package name. */
  private boolean isValue(ExpressionTree expression) {
    ExpressionTree leftmost = expression;
    while (leftmost instanceof MemberSelectTree select) {
      leftmost = select.getExpression();
    }
    if (!(leftmost instanceof IdentifierTree)) {
      return true;
    }
    if (method.names().referencedBy(leftmost) != null || method.names().isThisReference(leftmost)) {
      return true;
    }
    return method.scope().kindOf(expression) == EnclosingScope.Kind.VALUE;
  }

  private static boolean isLoop(Tree tree) {
    return tree instanceof WhileLoopTree
        || tree instanceof DoWhileLoopTree
        || tree instanceof ForLoopTree
        || tree instanceof EnhancedForLoopTree;
  }

  private static boolean isIncrementOrDecrement(Tree tree) {
    switch (tree.getKind()) {
      case PREFIX_INCREMENT:
      case PREFIX_DECREMENT:
      case POSTFIX_INCREMENT:
      case POSTFIX_DECREMENT:
        return true;
      default:
        return false;
    }
  }

  private static boolean isTrue(Tree condition) {
    while (condition instanceof ParenthesizedTree parens) {
      condition = parens.getExpression();
    }
    return condition.getKind() == Tree.Kind.BOOLEAN_LITERAL
        && Boolean.TRUE.equals(((com.sun.source.tree.LiteralTree) condition).getValue());
  }

  private static ExpressionTree unparenthesized(ExpressionTree tree) {
    return tree instanceof ParenthesizedTree parens ? parens.getExpression() : tree;
  }

  /** The path of {@code child}, a descendant of the tree at {@code parent}. */
  private static TreePath pathTo(TreePath parent, Tree child) {
    TreePath found = TreePath.getPath(parent, child);
    return found != null ? found : new TreePath(parent, child);
  }

  // ---- comments

  /** Emits copied code, with a comment that points at the user's line. */
  private void emit(String code, Tree origin) {
    emitReindented(reindent(code, origin), origin);
  }

  /** {@link #emit}s copied code with jumps that leave through {@link #escaping}. */
  private void emitCopied(String code, Tree origin) {
    emitReindented(escaping(reindent(code, origin), origin), origin);
  }

  private void emitReindented(String code, Tree origin) {
    int first = source.line(origin);
    int last = source.lineOf(Math.max(source.start(origin), source.end(origin) - 1));
    String[] lines = code.split("\n", -1);
    if (lines.length == 1 && first == last) {
      String original = source.lineText(first);
      String comment =
          lines[0].strip().equals(original) ? where(origin) : where(origin) + "  " + neutralised(original);
      code().line(lines[0] + " // " + comment);
    } else {
      code().line("// " + source.fileName() + ":" + first + (last > first ? "-" + last : ""));
      for (String line : lines) {
        code().line(line);
      }
    }
  }

  /**
   * Removes the indentation the user's code had in its file from the second and later lines of
   * {@code code}, so that it lines up in the generated file.
   */
  private String reindent(String code, Tree origin) {
    int indentation = source.indentationOfLine(source.start(origin));
    String[] lines = code.split("\n", -1);
    StringBuilder text = new StringBuilder(lines[0]);
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      int strip = 0;
      while (strip < indentation && strip < line.length() && (line.charAt(strip) == ' ' || line.charAt(strip) == '\t')) {
        strip++;
      }
      text.append('\n').append(line.substring(strip));
    }
    return text.toString();
  }

  /** {@code Download.java:19}. */
  private String where(Tree tree) {
    return source.fileName() + ":" + source.line(tree);
  }

  /** The first line of a tree's source, shortened, safe inside a comment. */
  private String quote(Tree tree) {
    String text = source.text(tree);
    int newline = text.indexOf('\n');
    if (newline >= 0) {
      text = text.substring(0, newline).strip() + " …";
    }
    return neutralised(abbreviate(text));
  }

  /** Text shortened to fit on a comment line. */
  private static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 59) + "…";
  }

  /**
   * User text made safe inside a {@code //} comment: javac decodes {@code \u000a} before it sees
   * comments, so a quoted Unicode escape could end the comment.
   */
  static String neutralised(String text) {
    return text.replace("\\u", "\\\\u");
  }

  private static String javadocSafe(String text) {
    return neutralised(text).replace("*/", "*&#47;").replace("@", "&#64;").replace("{", "&#123;").replace("}", "&#125;");
  }

  private static String describe(Tree tree) {
    switch (tree.getKind()) {
      case SWITCH:
        return "a switch statement";
      case SWITCH_EXPRESSION:
        return "a switch expression";
      case TRY:
        return "a try statement";
      case ENHANCED_FOR_LOOP:
        return "a for-each loop";
      case SYNCHRONIZED:
        return "a synchronized block";
      case CLASS:
        return "a local class";
      case YIELD:
        return "a yield statement";
      default:
        return "this " + tree.getKind().toString().toLowerCase().replace('_', ' ');
    }
  }

  /** A construct the transformation refuses, with the message that says why. */
  static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient TreePath path;
    private final Message message;
    private final transient Object[] args;

    Rejected(TreePath path, Message message, Object... args) {
      super(message.name(), null, false, false);
      this.path = path;
      this.message = message;
      this.args = args;
    }

    TreePath path() {
      return path;
    }

    Message message() {
      return message;
    }

    Object[] args() {
      return args;
    }
  }

  /** A construct the transformation cannot take apart; reported as an error at its line. */
  static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient TreePath path;
    private final String construct;

    Unsupported(TreePath path, String construct) {
      super(construct, null, false, false);
      this.path = path;
      this.construct = construct;
    }

    TreePath path() {
      return path;
    }

    String construct() {
      return construct;
    }
  }
}
