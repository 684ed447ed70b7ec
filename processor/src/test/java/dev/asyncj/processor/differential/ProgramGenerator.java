package dev.asyncj.processor.differential;

import static dev.asyncj.processor.differential.Node.expr;
import static dev.asyncj.processor.differential.Node.lit;
import static dev.asyncj.processor.differential.Node.stmt;

import dev.asyncj.processor.differential.Node.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Builds a random program from a seed: one class with one to four methods {@code m0..m3} (instance
 * methods, and static ones that take the instance as {@code self}) calling each other (forward
 * calls, on this instance or a new one, and recursion guarded by the depth parameter {@code d}),
 * whose bodies mix the statements and expressions that the processor accepts, with awaits
 * anywhere. The same seed always gives the same program on a given JDK. {@link Weights} says how
 * often each construct is chosen; each program also stresses one group of them ({@link
 * Weights#focus}).
 *
 * <p>Where the running JDK is 21 or later ({@link #JAVA_21}), the programs also use Java 21's
 * patterns around awaits: record patterns in {@code instanceof} (nested, with {@code var}), and
 * switch statements and expressions over a small sealed interface of records ({@code Sh}: {@code
 * Dot}, {@code Seg}, {@code Pair}) or over an {@code Object}, with type patterns, record patterns,
 * guards, {@code case null} and {@code case null, default}. On an older JDK none of these choices
 * is made, not even a draw of the random generator, so the programs are those of before.
 *
 * <p>What the programs always respect, so that both variants are deterministic, terminate and
 * compile:
 *
 * <ul>
 *   <li>Loops are bounded: a for loop's variable, a while or do loop's counter (incremented in the
 *       condition, so {@code continue} cannot skip it) are never assigned by the body, bounds are 0..3.
 *   <li>Every method starts with {@code fuel()}, which throws after {@link #FUEL} calls, so even
 *       nested calls in loops and recursion stay small.
 *   <li>State is per task: instance fields and locals only, no mutable static state, so two tasks
 *       running concurrently under gather do not see each other.
 *   <li>Nothing prints identity hash codes or JVM-chosen messages (no NPE, no ClassCastException).
 *   <li>Only what the processor accepts (its listed limitations): no private members, no awaits in
 *       lambdas, anonymous classes or synchronized, no local classes.
 *   <li>javac's rules: nothing after a statement that cannot complete normally, a catch of the
 *       checked exception only where the try can throw it ({@link Analysis}), unique names, and
 *       two javac 17 bugs avoided (see {@link #switchExpression}).
 *   <li>Awaited helpers that run concurrently (gather, createTask) do not log, and arguments of a
 *       gather are simple, so their interleaving cannot show in the trace.
 *   <li>The processor bugs in {@link KnownBugs} are stepped around until they are fixed.
 * </ul>
 */
final class ProgramGenerator {
  /** Method entries a task may make before {@code fuel()} throws. */
  static final int FUEL = 40;
  /** The depth argument the entry passes to m0: recursion stops when d reaches 0. */
  static final int ENTRY_DEPTH = 2;

  /** Whether the compiler running the test takes Java 21's patterns (CI: JDK 17 and JDK 25). */
  static final boolean JAVA_21 = Runtime.version().feature() >= 21;

  private static final int MAX_NESTING = 3;
  private static final int MAX_LOOP_DEPTH = 2;
  private static final int MAX_EXPR_DEPTH = 3;

  /** Relative weights of the constructs: raise one to generate more of it, 0 to turn it off. */
  static final class Weights {
    // statements
    int decl = 12;
    int assign = 10;
    int log = 12;
    int awaitStatement = 8;
    int sleep = 4;
    int listAdd = 8;
    int ifStatement = 10;
    int ifPattern = 2;
    int forLoop = 4;
    int whileLoop = 3;
    int doLoop = 2;
    int forEach = 4;
    int labelled = 30; // percent of loops that get a label
    int jump = 8;
    int earlyReturn = 4;
    int throwStatement = 2;
    int rethrow = 10;
    int tryCatch = 8;
    int tryWithResources = 3;
    int switchStatement = 5;
    int supplier = 2;
    int anonymousClass = 20; // percent of suppliers written as anonymous classes
    int nestedBlock = 1;
    int labelledBlock = 2;
    int synchronizedBlock = 1;
    int recursiveStatement = 2;
    // int expressions
    int literal = 10;
    int variable = 14;
    int field = 4;
    int arrayRead = 3;
    int note = 8;
    int binary = 10;
    int division = 1;
    int conditional = 3;
    int await = 14;
    int recursion = 2;
    int gather = 1;
    int task = 1;
    int increment = 3;
    int assignExpression = 3;
    int helperCall = 2;
    int cast = 2;
    int listGet = 4;
    int box = 2;
    int switchExpression = 3;
    int instanceOf = 2;
    int concat = 1;
    int supplierCall = 3;
    // what an await waits for
    int awaitNow = 5;
    int awaitGeneric = 1;
    int awaitTick = 5;
    int awaitLater = 4;
    int awaitSleepValue = 2;
    int awaitFailing = 1;
    int awaitCall = 9;
    // Java 21 patterns: 0 on an older JDK, where the choices then come out as they always did
    int shapeLocal = JAVA_21 ? 4 : 0;
    int recordPattern = JAVA_21 ? 3 : 0; // if conditions
    int recordPatternExpression = JAVA_21 ? 1 : 0; // ?: operands
    int patternSwitch = JAVA_21 ? 3 : 0;
    int patternSwitchExpression = JAVA_21 ? 1 : 0;
    int recordAccess = JAVA_21 ? 3 : 0;

    /** Makes one group of constructs several times as likely, so programs differ in what they stress. */
    Weights focus(int group) {
      switch (group) {
        case 0 -> { // exceptions
          tryCatch *= 5;
          throwStatement *= 4;
          awaitFailing *= 4;
          tryWithResources *= 3;
        }
        case 1 -> { // loops and jumps
          forLoop *= 4;
          whileLoop *= 4;
          doLoop *= 4;
          forEach *= 4;
          jump *= 4;
        }
        case 2 -> { // evaluation order inside expressions
          note *= 3;
          assignExpression *= 4;
          increment *= 4;
          binary *= 2;
          helperCall *= 3;
        }
        case 3 -> { // switch
          switchStatement *= 5;
          switchExpression *= 5;
        }
        case 4 -> { // calls
          awaitCall *= 3;
          recursion *= 4;
          recursiveStatement *= 4;
          awaitStatement *= 2;
        }
        case 5 -> { // Java 21 patterns (nothing on an older JDK)
          recordPattern *= 3;
          recordPatternExpression *= 3;
          patternSwitch *= 4;
          patternSwitchExpression *= 4;
          shapeLocal *= 2;
        }
        default -> {}
      }
      return this;
    }
  }

  private record Local(String name, String type, boolean assignable, boolean capturable) {}

  /** An enclosing statement a break or continue can leave: a loop, a switch, or a labelled block. */
  private record Target(String label, String kind) {
    boolean loop() {
      return kind.equals("loop");
    }
  }

  private record Signature(String name, boolean isVoid, String params, boolean isStatic) {}

  /** What is visible and allowed where a statement or expression is generated. */
  private static final class Ctx {
    final List<Local> locals;
    final List<Target> targets;
    final List<String> rethrowable;
    boolean returns = true;
    boolean awaits = true;
    boolean pure; // lambda bodies: no assignments either
    boolean operandArm; // in an arm of a switch expression that is an operand: no try, no synchronized
    int nesting;
    int loops;

    Ctx(List<Local> locals, List<Target> targets, List<String> rethrowable) {
      this.locals = locals;
      this.targets = targets;
      this.rethrowable = rethrowable;
    }

    Ctx child() {
      Ctx c = new Ctx(new ArrayList<>(locals), new ArrayList<>(targets), new ArrayList<>(rethrowable));
      c.returns = returns;
      c.awaits = awaits;
      c.pure = pure;
      c.operandArm = operandArm;
      c.nesting = nesting + 1;
      c.loops = loops;
      return c;
    }

    /** The same scope, for a part of an expression. */
    Ctx same() {
      Ctx c = child();
      c.nesting = nesting;
      c.locals.clear();
      c.locals.addAll(locals);
      return c;
    }

    List<Local> of(String type) {
      List<Local> list = new ArrayList<>();
      for (Local l : locals) {
        if (l.type.equals(type)) {
          list.add(l);
        }
      }
      return list;
    }

    List<Local> assignable(String type) {
      List<Local> list = new ArrayList<>();
      for (Local l : of(type)) {
        if (l.assignable) {
          list.add(l);
        }
      }
      return list;
    }
  }

  private record Option(int weight, Supplier<Node> make) {}

  private final Random rnd;
  private final Weights w;
  private final List<Signature> methods = new ArrayList<>();
  private int current; // index of the method being generated
  private int names; // per method
  private int labels; // per program, for log labels
  private int budget; // statements left for the current method

  private ProgramGenerator(long seed) {
    this.rnd = new Random(seed);
    this.w = new Weights().focus(rnd.nextInt(8));
  }

  /** The program for {@code seed}, as class {@code className}. */
  static Node generate(long seed, String className) {
    return new ProgramGenerator(seed).program(className);
  }

  private Node program(String className) {
    int count = rnd.nextInt(10) == 0 ? 4 : 1 + rnd.nextInt(3);
    methods.add(new Signature("m0", false, "ab", false));
    String[] params = {"ab", "a", "", "xs"};
    for (int i = 1; i < count; i++) {
      methods.add(new Signature("m" + i, rnd.nextInt(10) < 3, params[rnd.nextInt(params.length)], chance(30)));
    }
    List<Node> bodies = new ArrayList<>();
    for (current = 0; current < count; current++) {
      names = 0;
      budget = current == 0 ? 4 + rnd.nextInt(9) : 2 + rnd.nextInt(5);
      bodies.add(method(methods.get(current)));
    }
    String mode = rnd.nextInt(4) == 0 ? "gather" : "single";
    return Node.of(
        Kind.PROGRAM,
        null,
        List.of(className, mode, "" + rnd.nextInt(5), "" + (rnd.nextInt(5) + 5), "" + (rnd.nextInt(7) - 2)),
        bodies);
  }

  private Node method(Signature m) {
    Ctx ctx = new Ctx(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    ctx.locals.add(new Local("d", "int", false, true));
    switch (m.params) {
      case "ab" -> {
        ctx.locals.add(new Local("a", "int", true, false));
        ctx.locals.add(new Local("b", "int", false, true));
      }
      case "a" -> ctx.locals.add(new Local("a", "int", true, false));
      case "xs" -> ctx.locals.add(new Local("xs", "varargs", false, true));
      default -> {}
    }
    List<Node> body = new ArrayList<>();
    if (chance(70)) {
      // the call and its arguments, in the trace
      List<Node> args = new ArrayList<>();
      for (Local l : ctx.locals) {
        args.add(l.type.equals("varargs") ? expr(Kind.LEN, "int", List.of("xs", "array")) : var(l));
      }
      body.add(Node.of(Kind.LOG, null, List.of(m.name), args));
    }
    body.addAll(statements(ctx, 1 + budget));
    if (Analysis.canComplete(Node.block(body))) {
      body.add(m.isVoid ? stmt(Kind.RETURN) : stmt(Kind.RETURN, intExpr(ctx, 2)));
    }
    return Node.of(Kind.METHOD, null, List.of(m.name, m.isVoid ? "void" : "int", m.params, m.isStatic ? "static" : ""),
        List.of(Node.block(body)));
  }

  // ------------------------------------------------------------------ helpers

  private boolean chance(int percent) {
    return rnd.nextInt(100) < percent;
  }

  private <T> T any(List<T> list) {
    return list.get(rnd.nextInt(list.size()));
  }

  private Node choose(Option... options) {
    int total = 0;
    for (Option o : options) {
      total += Math.max(0, o.weight);
    }
    int r = rnd.nextInt(total);
    for (Option o : options) {
      r -= Math.max(0, o.weight);
      if (r < 0) {
        return o.make.get();
      }
    }
    throw new AssertionError();
  }

  private static Option opt(int weight, Supplier<Node> make) {
    return new Option(weight, make);
  }

  private static Option opt(boolean allowed, int weight, Supplier<Node> make) {
    return new Option(allowed ? weight : 0, make);
  }

  private String name(String prefix) {
    return prefix + (++names);
  }

  private String label(String prefix) {
    return prefix + (++labels);
  }

  private Signature method() {
    return methods.get(current);
  }

  // ------------------------------------------------------------------ statements

  /** Up to {@code max} statements; stops after one that cannot complete normally. */
  private List<Node> statements(Ctx ctx, int max) {
    List<Node> out = new ArrayList<>();
    int n = 1 + rnd.nextInt(Math.max(1, max));
    for (int i = 0; i < n && budget > 0; i++) {
      budget--;
      Node s = statement(ctx);
      if (s.is(Kind.BLOCK)) {
        out.addAll(s.kids()); // a statement that came with its declaration
      } else {
        out.add(s);
      }
      if (!Analysis.canComplete(s)) {
        break;
      }
    }
    return out;
  }

  private Node block(Ctx ctx, int max) {
    return Node.block(statements(ctx, max));
  }

  private Node statement(Ctx ctx) {
    boolean deeper = ctx.nesting < MAX_NESTING && budget > 1;
    boolean loops = deeper && ctx.loops < MAX_LOOP_DEPTH;
    boolean hasList = !ctx.of("List").isEmpty();
    return choose(
        opt(w.decl, () -> declaration(ctx)),
        opt(!ctx.pure, w.assign, () -> assignment(ctx)),
        opt(w.log, () -> log(ctx)),
        opt(ctx.awaits, w.awaitStatement, () -> awaitStatement(ctx)),
        opt(ctx.awaits, w.sleep, () -> stmt(Kind.SLEEP, List.of(any(List.of("0", "0", "0.5", "1", "2"))))),
        opt(hasList, w.listAdd, () -> stmt(Kind.LIST_ADD, List.of(any(ctx.of("List")).name), intExpr(ctx, 2))),
        opt(deeper, w.ifStatement, () -> ifStatement(ctx)),
        opt(deeper && ctx.awaits, w.ifPattern, () -> ifPattern(ctx)),
        opt(deeper && ctx.awaits, w.recordPattern, () -> ifRecordPattern(ctx)),
        opt(deeper, w.patternSwitch, () -> patternSwitch(ctx)),
        opt(loops, w.forLoop, () -> forLoop(ctx)),
        opt(loops, w.whileLoop, () -> whileLoop(ctx, Kind.WHILE)), // declares its counter
        opt(loops, w.doLoop, () -> whileLoop(ctx, Kind.DO)),
        opt(loops, w.forEach, () -> forEach(ctx)),
        opt(!ctx.targets.isEmpty(), w.jump, () -> jump(ctx)),
        opt(ctx.returns, w.earlyReturn, () -> earlyReturn(ctx)),
        opt(w.throwStatement, () -> guarded(ctx, throwStatement(ctx))),
        opt(!ctx.rethrowable.isEmpty(), w.rethrow,
            () -> guarded(ctx, stmt(Kind.RETHROW, List.of(any(ctx.rethrowable))))),
        opt(deeper && !ctx.operandArm, w.tryCatch, () -> tryStatement(ctx, false)),
        opt(deeper && ctx.awaits && !ctx.operandArm, w.tryWithResources, () -> tryStatement(ctx, true)),
        opt(deeper, w.switchStatement, () -> switchStatement(ctx)),
        opt(w.supplier, () -> supplier(ctx)),
        opt(deeper, w.nestedBlock, () -> stmt(Kind.NEST, List.of(""), block(ctx.child(), 3))),
        opt(deeper, w.labelledBlock, () -> labelledBlock(ctx)),
        opt(deeper && !ctx.operandArm, w.synchronizedBlock, () -> {
          Ctx inside = ctx.child();
          inside.awaits = false; // Await.of in synchronized is refused
          return stmt(Kind.SYNC, block(inside, 3));
        }),
        opt(ctx.awaits, w.recursiveStatement, () -> recursiveStatement(ctx)));
  }

  private Node declaration(Ctx ctx) {
    String type = choose(
        opt(50, () -> lit(0).withAttr(0, "int")),
        opt(6, () -> lit(0).withAttr(0, "long")),
        opt(4, () -> lit(0).withAttr(0, "double")),
        opt(8, () -> lit(0).withAttr(0, "String")),
        opt(7, () -> lit(0).withAttr(0, "boolean")),
        opt(7, () -> lit(0).withAttr(0, "int[]")),
        opt(5, () -> lit(0).withAttr(0, "List")),
        opt(ctx.awaits ? w.shapeLocal : 0, () -> lit(0).withAttr(0, "Sh"))).attr(0);
    boolean assignable = chance(70);
    String modifier = "";
    String written = type;
    Node init;
    String name;
    switch (type) {
      case "int" -> {
        name = name("x");
        init = chance(w.switchExpression * 3) && ctx.nesting < MAX_NESTING + 1
            ? JAVA_21 && chance(40)
                ? patternSwitchExpression(ctx, MAX_EXPR_DEPTH, true)
                : switchExpression(ctx, MAX_EXPR_DEPTH, true)
            : intExpr(ctx, MAX_EXPR_DEPTH);
        if (chance(20) && !init.is(Kind.SWITCH_EXPR) && !init.is(Kind.PSWITCH_EXPR)
            && !lambdaInSwitchExpression(init, false)) {
          // javac cannot infer var from a switch expression whose arms hold a lambda
          written = "var";
        } else if (!assignable && chance(40)) {
          modifier = "final";
        }
      }
      case "long" -> {
        name = name("l");
        init = intExpr(ctx, 2);
      }
      case "double" -> {
        name = name("v");
        init = intExpr(ctx, 2);
      }
      case "String" -> {
        name = name("s");
        init = expr(Kind.STR, "String", List.of(name + ":"), intExpr(ctx, 2));
        written = chance(30) && !lambdaInSwitchExpression(init, false) ? "var" : "String";
      }
      case "boolean" -> {
        name = name("z");
        init = boolExpr(ctx, 2);
      }
      case "int[]" -> {
        name = name("arr");
        init = expr(Kind.NEW_ARRAY, "int[]", List.of(), intExpr(ctx, 1), intExpr(ctx, 1), intExpr(ctx, 1), lit(rnd.nextInt(9)));
        written = chance(25) ? "var" : "int[]";
        assignable = false;
      }
      case "Sh" -> {
        // a local of the sealed type, kept across awaits, matched by patterns later
        name = name("h");
        init = awaitedShape(ctx, "shape");
        written = chance(30) ? "var" : "Sh";
        assignable = false;
      }
      default -> {
        name = name("list");
        boolean var = chance(30);
        init = expr(Kind.NEW_LIST, "List", List.of(var ? "explicit" : "diamond"));
        written = var ? "var" : "List<Integer>";
        assignable = false;
      }
    }
    ctx.locals.add(new Local(name, type, assignable, !assignable));
    return stmt(Kind.DECL, List.of(written, name, modifier), init);
  }

  /**
   * Whether {@code n} holds a lambda or anonymous class in an arm of a switch expression: javac
   * cannot infer a {@code var} from that ("lambda expression needs an explicit target-type").
   */
  private static boolean lambdaInSwitchExpression(Node n, boolean inArm) {
    if (inArm && n.is(Kind.SUPPLIER)) {
      return true;
    }
    boolean arms = inArm || n.is(Kind.SWITCH_EXPR) || n.is(Kind.PSWITCH_EXPR);
    for (Node k : n.kids()) {
      if (lambdaInSwitchExpression(k, arms)) {
        return true;
      }
    }
    return false;
  }

  /** An int place to assign: a local, a field or an array element. */
  private Node intTarget(Ctx ctx, int depth) {
    List<Local> locals = ctx.assignable("int");
    List<Local> arrays = ctx.of("int[]");
    return choose(
        opt(!locals.isEmpty(), 6, () -> var(any(locals))),
        opt(3, () -> field(ctx)),
        opt(2, () -> expr(Kind.ARR, "int", List.of(chance(50) ? "fa" : "this.fa"), intExpr(ctx, depth - 1))),
        opt(!arrays.isEmpty(), 3, () -> expr(Kind.ARR, "int", List.of(any(arrays).name), intExpr(ctx, depth - 1))));
  }

  private Node field(Ctx ctx) {
    // no "this." in lambda bodies: in an anonymous class it would be the IntSupplier
    return expr(Kind.FIELD, "int", List.of(chance(50) ? "f0" : "f1", !ctx.pure && chance(30) ? "this" : ""));
  }

  private static Node var(Local l) {
    return expr(Kind.VAR, l.type, List.of(l.name));
  }

  private Node assignment(Ctx ctx) {
    List<Local> longs = ctx.assignable("long");
    List<Local> doubles = ctx.assignable("double");
    List<Local> strings = ctx.assignable("String");
    List<Local> bools = ctx.assignable("boolean");
    return stmt(Kind.EXPR, choose(
        opt(20, () -> intAssignment(ctx, MAX_EXPR_DEPTH)),
        opt(5, () -> increment(ctx)),
        opt(!longs.isEmpty(), 6, () -> expr(Kind.ASSIGN, "long", List.of(any(List.of("+=", "-=", "*="))),
            var(any(longs)), intExpr(ctx, 2))),
        opt(!doubles.isEmpty(), 6, () -> expr(Kind.ASSIGN, "double", List.of(any(List.of("+=", "*="))),
            var(any(doubles)), intExpr(ctx, 2))),
        opt(!strings.isEmpty(), 6, () -> expr(Kind.ASSIGN, "String", List.of("+="), var(any(strings)), intExpr(ctx, 2))),
        opt(!bools.isEmpty(), 6, () -> expr(Kind.ASSIGN, "boolean", List.of(any(List.of("=", "|=", "&=", "^="))),
            var(any(bools)), boolExpr(ctx, 2)))));
  }

  private Node intAssignment(Ctx ctx, int depth) {
    String op = choose(
        opt(6, () -> lit(0).withAttr(0, "=")),
        opt(8, () -> lit(0).withAttr(0, "+=")),
        opt(3, () -> lit(0).withAttr(0, "-=")),
        opt(3, () -> lit(0).withAttr(0, "*=")),
        opt(2, () -> lit(0).withAttr(0, "^=")),
        opt(1, () -> lit(0).withAttr(0, "|=")),
        opt(w.division, () -> lit(0).withAttr(0, "/=")),
        opt(w.division, () -> lit(0).withAttr(0, "%="))).attr(0);
    Node target = intTarget(ctx, depth);
    return assign(op, target, intExpr(ctx, depth - 1));
  }

  private static Node assign(String op, Node target, Node value) {
    return expr(Kind.ASSIGN, "int", List.of(op), target, value);
  }

  private Node increment(Ctx ctx) {
    return expr(Kind.INC, "int", List.of(chance(60) ? "++" : "--", chance(50) ? "pre" : "post"), intTarget(ctx, 2));
  }

  private Node log(Ctx ctx) {
    List<Node> parts = new ArrayList<>();
    int n = rnd.nextInt(3);
    List<Local> others = new ArrayList<>();
    for (Local l : ctx.locals) {
      if (List.of("long", "double", "String", "boolean").contains(l.type)) {
        others.add(l);
      }
    }
    for (int i = 0; i < n; i++) {
      parts.add(choose(
          opt(8, () -> intExpr(ctx, 2)),
          opt(2, () -> boolExpr(ctx, 1)),
          opt(!others.isEmpty(), 3, () -> var(any(others)))));
    }
    if (n == 0 && chance(60)) {
      List<Local> ints = ctx.of("int");
      if (!ints.isEmpty()) {
        parts.add(var(any(ints)));
      }
    }
    return Node.of(Kind.LOG, null, List.of(label("p")), parts);
  }

  private Node awaitStatement(Ctx ctx) {
    List<Signature> voids = forward(true);
    return stmt(Kind.EXPR, choose(
        opt(!voids.isEmpty(), 6, () -> expr(Kind.AWAIT, "void", call(ctx, any(voids), "d", 2))),
        opt(4, () -> awaitInt(ctx, 2)),
        opt(1, () -> {
          // the sync twin of createTask is the identity, so it takes values only
          List<Signature> ints = forward(false);
          Node awaited = chance(50) || ints.isEmpty() ? leaf(ctx, "tick", 1) : call(ctx, any(ints), "d", 1);
          return expr(Kind.AWAIT, "int", expr(Kind.TASK, "int", awaited));
        })));
  }

  /** Methods after the current one (forward calls cannot recurse), of the given kind. */
  private List<Signature> forward(boolean isVoid) {
    List<Signature> list = new ArrayList<>();
    for (int i = current + 1; i < methods.size(); i++) {
      if (methods.get(i).isVoid == isVoid) {
        list.add(methods.get(i));
      }
    }
    return list;
  }

  /** Methods up to the current one: calls to them must decrease d. */
  private List<Signature> backward(boolean isVoid) {
    List<Signature> list = new ArrayList<>();
    for (int i = 0; i <= current; i++) {
      if (methods.get(i).isVoid == isVoid) {
        list.add(methods.get(i));
      }
    }
    return list;
  }

  private Node call(Ctx ctx, Signature m, String depthArg, int depth) {
    List<Node> args = new ArrayList<>();
    int n = switch (m.params) {
      case "ab" -> 2;
      case "a" -> 1;
      case "xs" -> rnd.nextInt(4);
      default -> 0;
    };
    for (int i = 0; i < n; i++) {
      args.add(intExpr(ctx, depth - 1));
    }
    Kind kind = depthArg.equals("d") ? Kind.CALL : Kind.REC;
    String receiver = m.isStatic ? "" : chance(15) ? "this" : chance(10) ? "new" : "";
    List<String> attrs = kind == Kind.CALL ? List.of(m.name, receiver) : List.of(m.name);
    return Node.of(kind, m.isVoid ? "void" : "int", attrs, args);
  }

  private Node recursiveStatement(Ctx ctx) {
    List<Signature> voids = backward(true);
    List<Signature> ints = backward(false);
    if (voids.isEmpty() || chance(50)) {
      return stmt(Kind.EXPR, assign("+=", intTarget(ctx, 1), call(ctx, any(ints), "d - 1", 2)));
    }
    Node guard = expr(Kind.BIN, "bool", List.of(">"), var(new Local("d", "int", false, true)), lit(0));
    Node recurse = call(ctx, any(voids), "d - 1", 2);
    // a void method: the call is a statement, guarded by an if instead of ?:
    Node await = expr(Kind.AWAIT, "void", Node.of(Kind.CALL, "void", List.of(recurse.attr(0), "", "d - 1"), recurse.kids()));
    return stmt(Kind.IF, guard, Node.block(List.of(stmt(Kind.EXPR, await))));
  }

  private Node ifStatement(Ctx ctx) {
    Node cond = boolExpr(ctx, MAX_EXPR_DEPTH);
    Node then = block(ctx.child(), 4);
    if (chance(50)) {
      return stmt(Kind.IF, cond, then);
    }
    Node otherwise = chance(25) && budget > 1
        ? Node.block(List.of(ifStatement(ctx.child())))
        : block(ctx.child(), 3);
    return stmt(Kind.IF, cond, then, otherwise);
  }

  private Node ifPattern(Ctx ctx) {
    String p = name("p");
    Node test = expr(Kind.INSTANCEOF, "bool", List.of(p), objectExpr(ctx));
    Ctx inner = ctx.child();
    inner.locals.add(new Local(p, "int", false, true));
    Node cond = chance(50)
        ? test
        : expr(Kind.BIN, "bool", List.of("&&"), test,
            expr(Kind.BIN, "bool", List.of(any(List.of("<", ">", "!="))), var(inner.locals.get(inner.locals.size() - 1)),
                intExpr(ctx, 1)));
    Node then = block(inner, 4);
    return chance(70) ? stmt(Kind.IF, cond, then) : stmt(Kind.IF, cond, then, block(ctx.child(), 2));
  }

  private Node objectExpr(Ctx ctx) {
    return expr(Kind.AWAIT, "Object", leaf(ctx, "obj", 2));
  }

  private String loopLabel(Ctx ctx) {
    return chance(w.labelled) ? name("L") : "";
  }

  private Ctx loopBody(Ctx ctx, String label) {
    Ctx body = ctx.child();
    body.loops++;
    body.targets.add(new Target(label, "loop"));
    return body;
  }

  private Node bound(Ctx ctx) {
    return choose(
        opt(14, () -> lit(1 + rnd.nextInt(3))),
        opt(ctx.awaits, 3, () -> expr(Kind.AWAIT, "int", leafWith(chance(50) ? "now" : "tick", lit(1 + rnd.nextInt(3))))),
        opt(3, () -> expr(Kind.HELPER, "int", List.of("cap"), intExpr(ctx, 2))));
  }

  private Node forLoop(Ctx ctx) {
    String i = name("i");
    String label = loopLabel(ctx);
    Node bound = bound(ctx);
    Local iv = new Local(i, "int", false, false);
    Node update = ctx.awaits && chance(25)
        ? expr(Kind.ASSIGN, "int", List.of("+="), var(iv), expr(Kind.AWAIT, "int", leafWith("tick", lit(1))))
        : expr(Kind.INC, "int", List.of("++", chance(80) ? "post" : "pre"), var(iv));
    Ctx body = loopBody(ctx, label);
    body.locals.add(iv);
    return stmt(Kind.FOR, List.of(i, label), bound, update, block(body, 4));
  }

  private Node whileLoop(Ctx ctx, Kind kind) {
    String counter = name("w");
    String label = loopLabel(ctx);
    Node bound = bound(ctx);
    Ctx body = loopBody(ctx, label);
    body.locals.add(new Local(counter, "int", false, false));
    Node loop = stmt(kind, List.of(counter, label), bound, block(body, 4));
    return loop;
  }

  private Node forEach(Ctx ctx) {
    String v = name("v");
    String label = loopLabel(ctx);
    List<Local> arrays = new ArrayList<>(ctx.of("int[]"));
    arrays.addAll(ctx.of("varargs"));
    List<Local> lists = ctx.of("List");
    boolean[] boxed = {false};
    Node iterable = choose(
        opt(4, () -> expr(Kind.NEW_ARRAY, "int[]", List.of(), intExpr(ctx, 1), intExpr(ctx, 1), lit(rnd.nextInt(5)))),
        opt(3, () -> {
          boxed[0] = true;
          return expr(Kind.LIST_OF, "List", List.of(), intExpr(ctx, 1), lit(rnd.nextInt(5)));
        }),
        opt(ctx.awaits, 3, () -> {
          boxed[0] = true;
          return expr(Kind.AWAIT, "List", Node.of(Kind.LEAF, "List", List.of("listOf"), List.of(intExpr(ctx, 1), intExpr(ctx, 1))));
        }),
        opt(!arrays.isEmpty(), 3, () -> var(any(arrays))),
        opt(!lists.isEmpty(), 2, () -> {
          boxed[0] = true;
          return expr(Kind.LIST_COPY, "List", List.of(any(lists).name));
        }));
    String type = chance(25) ? "var" : boxed[0] && chance(30) ? "Integer" : "int";
    Ctx body = loopBody(ctx, label);
    body.locals.add(new Local(v, "int", false, true));
    return stmt(Kind.FOREACH, List.of(type, v, label), iterable, block(body, 4));
  }

  /** {@code if (cond) { log; jump; }}, or the jump alone (it then ends its block). */
  private Node guarded(Ctx ctx, Node jump) {
    if (chance(20)) {
      return jump;
    }
    List<Node> then = new ArrayList<>();
    if (chance(60)) {
      then.add(Node.of(Kind.LOG, null, List.of(label("j")), List.of()));
    }
    then.add(jump);
    return stmt(Kind.IF, boolExpr(ctx, 2), Node.block(then));
  }

  private Node jump(Ctx ctx) {
    List<Node> jumps = new ArrayList<>();
    boolean loopSeen = false;
    boolean breakableSeen = false;
    for (int i = ctx.targets.size() - 1; i >= 0; i--) {
      Target t = ctx.targets.get(i);
      if (!t.kind.equals("block") && !breakableSeen) {
        jumps.add(stmt(Kind.BREAK, List.of(""))); // leaves the innermost loop or switch
        breakableSeen = true;
      }
      if (t.loop() && !loopSeen) {
        jumps.add(stmt(Kind.CONTINUE, List.of("")));
        loopSeen = true;
      }
      if (!t.label.isEmpty()) {
        jumps.add(stmt(Kind.BREAK, List.of(t.label)));
        if (t.loop()) {
          jumps.add(stmt(Kind.CONTINUE, List.of(t.label)));
        }
      }
    }
    Target innermost = ctx.targets.get(ctx.targets.size() - 1);
    if (innermost.kind.equals("switch") && chance(50)) {
      return guarded(ctx, jumps.get(0));
    }
    return guarded(ctx, any(jumps));
  }

  private Node labelledBlock(Ctx ctx) {
    String label = name("B");
    Ctx inner = ctx.child();
    inner.targets.add(new Target(label, "block"));
    return stmt(Kind.NEST, List.of(label), block(inner, 4));
  }

  private Node earlyReturn(Ctx ctx) {
    Signature m = method();
    List<Signature> ints = forward(false);
    if (m.isVoid) {
      return guarded(ctx, stmt(Kind.RETURN));
    }
    if (!ints.isEmpty() && chance(20) && ctx.awaits) {
      // returning a coroutine awaits it: refused in synchronized like Await.of
      return guarded(ctx, stmt(Kind.RETURN_CALL, call(ctx, any(ints), "d", 2)));
    }
    return guarded(ctx, stmt(Kind.RETURN, intExpr(ctx, 2)));
  }

  private Node throwStatement(Ctx ctx) {
    String type = any(List.of(
        "IllegalStateException", "IllegalStateException", "IllegalArgumentException", "ArithmeticException",
        "UnsupportedOperationException", "Checked", "Checked"));
    Node message = expr(Kind.STR, "String", List.of(label("t") + " "), intExpr(ctx, 2));
    return stmt(Kind.THROW, List.of(type), message);
  }

  private static final List<String> SPECIFIC = List.of(
      "IllegalStateException", "IllegalArgumentException", "ArithmeticException", "UnsupportedOperationException");

  private Node tryStatement(Ctx ctx, boolean withResources) {
    List<Node> prelude = new ArrayList<>();
    List<Node> resources = new ArrayList<>();
    if (withResources) {
      int n = 1 + rnd.nextInt(2);
      for (int i = 0; i < n; i++) {
        String r = name("r");
        Node init = chance(50)
            ? expr(Kind.NEW_RES, "Res", List.of(r, "" + (chance(25) ? 1 : 0)))
            : expr(Kind.AWAIT, "Res", Node.of(Kind.LEAF, "Res", List.of("open"),
                List.of(expr(Kind.STR, "String", List.of(r)), lit(chance(20) ? 2 : chance(25) ? 1 : 0))));
        if (chance(20)) {
          prelude.add(stmt(Kind.DECL, List.of("Res", r, ""), init));
          resources.add(stmt(Kind.RES, List.of(r, "ref")));
        } else {
          resources.add(stmt(Kind.RES, List.of(r, ""), init));
        }
      }
    }
    Node body = block(ctx.child(), 4);
    if (!withResources && body.kids().isEmpty()) {
      body = Node.block(List.of(log(ctx)));
    }
    boolean checked = !Analysis.checkedThrown(body).isEmpty()
        || !Analysis.checkedThrown(stmt(Kind.RESOURCES, resources.toArray(Node[]::new))).isEmpty();
    List<Node> catches = new ArrayList<>();
    List<String> specific = new ArrayList<>(SPECIFIC);
    if (checked) {
      specific.add("Checked");
      specific.add("Checked");
    }
    Collections.shuffle(specific, rnd);
    int clauses = withResources ? rnd.nextInt(2) : rnd.nextInt(3);
    int next = 0;
    for (int i = 0; i < clauses && next < specific.size(); i++) {
      List<String> types = new ArrayList<>();
      types.add(specific.get(next++));
      if (chance(30) && next < specific.size() && !specific.get(next).equals(types.get(0))) {
        types.add(specific.get(next++));
      }
      while (next < specific.size() && types.contains(specific.get(next))) {
        next++;
      }
      catches.add(catchClause(ctx, types));
      specific.removeAll(types);
    }
    if (chance(30)) {
      catches.add(catchClause(ctx, List.of("RuntimeException")));
    }
    if (chance(25) || (catches.isEmpty() && !withResources && chance(40))) {
      catches.add(catchClause(ctx, List.of("Exception")));
    }
    Node fin = stmt(Kind.NONE);
    if ((catches.isEmpty() && !withResources) || chance(40)) {
      Ctx f = ctx.child();
      List<Node> finBody = new ArrayList<>();
      finBody.add(Node.of(Kind.LOG, null, List.of(label("f")), List.of()));
      if (chance(50)) {
        finBody.addAll(statements(f, 2));
      }
      fin = Node.block(finBody);
    }
    Node t = stmt(Kind.TRY, stmt(Kind.RESOURCES, resources.toArray(Node[]::new)), body,
        stmt(Kind.CATCHES, catches.toArray(Node[]::new)), fin);
    if (prelude.isEmpty()) {
      return t;
    }
    if (chance(30)) {
      prelude.add(stmt(Kind.SLEEP, List.of("0"))); // the declared resources are kept across it
    }
    prelude.add(t);
    return Node.block(prelude);
  }

  private Node catchClause(Ctx ctx, List<String> types) {
    String e = name("e");
    Ctx c = ctx.child();
    boolean unchecked = !types.contains("Checked") && !types.contains("Exception");
    if (unchecked) {
      c.rethrowable.add(e);
    }
    List<Node> body = new ArrayList<>();
    if (chance(85)) {
      body.add(Node.of(Kind.LOG, null, List.of(label("c")), List.of(expr(Kind.DESCRIBE, "String", List.of(e)))));
    }
    if (chance(50)) {
      body.addAll(statements(c, 3));
    }
    return stmt(Kind.CATCH, List.of(String.join("|", types), e), Node.block(body));
  }

  private static final List<String> INT_LABELS = List.of("0", "1", "2", "3");
  private static final List<String> STRING_LABELS = List.of("\"k0\"", "\"k1\"", "\"k2\"");
  private static final List<String> ENUM_LABELS = List.of("S", "M", "L");

  /** Groups of case labels, and maybe "default", in a random order. */
  private List<String> caseLabels(String selectorKind, boolean defaultLast) {
    List<String> pool = new ArrayList<>(
        selectorKind.equals("int") ? INT_LABELS : selectorKind.equals("string") ? STRING_LABELS : ENUM_LABELS);
    Collections.shuffle(pool, rnd);
    List<String> groups = new ArrayList<>();
    int n = 1 + rnd.nextInt(Math.min(3, pool.size()));
    for (int i = 0; i < n && !pool.isEmpty(); i++) {
      String labels = pool.remove(0);
      if (chance(25) && !pool.isEmpty()) {
        labels += "," + pool.remove(0);
      }
      groups.add(labels);
    }
    if (chance(70) || defaultLast) {
      if (defaultLast || chance(80)) {
        groups.add("default");
      } else {
        groups.add(rnd.nextInt(groups.size()), "default");
      }
    }
    return groups;
  }

  private Node selector(Ctx ctx, String kind) {
    Node e = intExpr(ctx, 2);
    return kind.equals("int") ? expr(Kind.BIN, "int", List.of("&"), e, lit(3)) : e;
  }

  private String selectorKind() {
    return any(List.of("int", "int", "string", "enum"));
  }

  private Node switchStatement(Ctx ctx) {
    String kind = selectorKind();
    boolean arrow = chance(50);
    Node sel = selector(ctx, kind);
    List<Node> kids = new ArrayList<>();
    kids.add(sel);
    for (String labels : caseLabels(kind, false)) {
      Ctx g = ctx.child();
      g.targets.add(new Target("", "switch"));
      if (arrow) {
        Node body = choose(
            opt(5, () -> block(g, 3)),
            opt(3, () -> log(g)),
            opt(1, () -> throwStatement(g)),
            opt(g.awaits, 1, () -> stmt(Kind.SLEEP, List.of("1"))));
        kids.add(stmt(Kind.GROUP, List.of(labels), body));
      } else {
        List<Node> body = statements(g, 3);
        if (Analysis.canComplete(Node.block(body)) && chance(70)) {
          body.add(stmt(Kind.BREAK, List.of("")));
        }
        kids.add(Node.of(Kind.GROUP, null, List.of(labels), body));
      }
    }
    return Node.of(Kind.SWITCH, null, List.of(arrow ? "arrow" : "old", kind), kids);
  }

  private Node supplier(Ctx ctx) {
    String s = name("q");
    Ctx pure = ctx.child();
    pure.locals.removeIf(l -> !l.capturable);
    pure.awaits = false;
    pure.pure = true;
    boolean anonymous = chance(w.anonymousClass);
    Node body = intExpr(pure, 2);
    ctx.locals.add(new Local(s, "IntSupplier", false, true));
    return stmt(Kind.SUPPLIER, List.of(s, anonymous ? "anonymous" : "lambda"), body);
  }

  // ------------------------------------------------------------------ expressions

  private Node intExpr(Ctx ctx, int depth) {
    List<Local> ints = ctx.of("int");
    List<Local> arrays = ctx.of("int[]");
    List<Local> sized = new ArrayList<>();
    for (Local l : ctx.locals) {
      if (List.of("String", "List", "varargs", "int[]").contains(l.type)) {
        sized.add(l);
      }
    }
    List<Local> suppliers = ctx.of("IntSupplier");
    List<Local> widened = new ArrayList<>(ctx.of("long"));
    widened.addAll(ctx.of("double"));
    List<Local> lists = ctx.of("List");
    List<Local> records = new ArrayList<>();
    for (Local l : ctx.locals) {
      if (RECORDS.contains(l.type)) {
        records.add(l);
      }
    }
    boolean more = depth > 0;
    boolean a = more && ctx.awaits;
    boolean assign = more && !ctx.pure;
    boolean deeper = more && !ctx.pure && ctx.nesting < MAX_NESTING + 1;
    return choose(
        opt(w.literal, () -> lit(rnd.nextInt(12) - 3)),
        opt(!ints.isEmpty(), w.variable, () -> var(any(ints))),
        opt(w.field, () -> field(ctx)),
        opt(w.arrayRead, () -> expr(Kind.ARR, "int",
            List.of(chance(50) || arrays.isEmpty() ? "fa" : any(arrays).name),
            more ? intExpr(ctx, depth - 1) : lit(rnd.nextInt(4)))),
        opt(!sized.isEmpty(), 2, () -> {
          Local l = any(sized);
          String how = switch (l.type) {
            case "String" -> "string";
            case "List" -> "list";
            default -> "array";
          };
          return expr(Kind.LEN, "int", List.of(l.name, how));
        }),
        opt(!suppliers.isEmpty(), w.supplierCall, () -> expr(Kind.SUPPLIER_GET, "int", List.of(any(suppliers).name))),
        opt(!records.isEmpty(), w.recordAccess, () -> access(any(records))),
        // no "this." in lambda bodies, as for fields
        opt(more, w.note, () -> expr(Kind.NOTE, "int",
            List.of(label("n"), !ctx.pure && chance(20) ? "this" : ""), intExpr(ctx, depth - 1))),
        opt(more, w.binary, () -> expr(Kind.BIN, "int", List.of(any(List.of("+", "+", "-", "*", "&", "|", "^"))),
            intExpr(ctx, depth - 1), intExpr(ctx, depth - 1))),
        opt(more, w.division, () -> expr(Kind.BIN, "int", List.of(chance(50) ? "/" : "%"),
            intExpr(ctx, depth - 1), intExpr(ctx, depth - 1))),
        opt(more, w.conditional, () -> {
          Ctx parts = ctx.same();
          return expr(Kind.COND, "int", boolExpr(parts, depth - 1), intExpr(parts, depth - 1), intExpr(parts, depth - 1));
        }),
        opt(a, w.await, () -> awaitInt(ctx, depth)),
        opt(a, w.recursion, () -> call(ctx, any(backward(false)), "d - 1", depth)),
        opt(a, w.gather, () -> expr(Kind.GATHER_SUM, "int", gathered(ctx, true), gathered(ctx, false))),
        opt(assign, w.increment, () -> increment(ctx)),
        opt(assign, w.assignExpression, () -> intAssignment(ctx, depth)),
        opt(more, w.helperCall,
            () -> expr(Kind.HELPER, "int", List.of("sum3"), intExpr(ctx, depth - 1),
            intExpr(ctx, depth - 1), intExpr(ctx, depth - 1))),
        opt(more, w.cast, () -> {
          String how = any(List.of("short", "byte", "long", "double"));
          // (byte) needs a primitive operand: (byte) of an Integer (an await) does not compile
          Node operand = how.equals("short") || how.equals("byte")
              ? expr(Kind.BIN, "int", List.of(any(List.of("*", "+", "-"))), intExpr(ctx, depth - 1), intExpr(ctx, depth - 1))
              : intExpr(ctx, depth - 1);
          return expr(Kind.CAST, "int", List.of(how), operand);
        }),
        opt(more && !widened.isEmpty(), w.cast, () -> expr(Kind.CAST_LOCAL, "int", List.of(any(widened).name),
            intExpr(ctx, depth - 1))),
        opt(more && !lists.isEmpty(), w.listGet, () -> expr(Kind.LIST_GET, "int", List.of(any(lists).name),
            intExpr(ctx, depth - 1))),
        opt(more, w.box, () -> expr(Kind.PLUS, "int",
            a && chance(50)
                ? expr(Kind.AWAIT, "Box", Node.of(Kind.LEAF, "Box", List.of("boxOf"), List.of(intExpr(ctx, depth - 1))))
                : expr(Kind.NEW_BOX, "Box", intExpr(ctx, depth - 1)),
            intExpr(ctx, depth - 1))),
        opt(deeper, w.switchExpression, () -> switchExpression(ctx, depth, false)),
        opt(a, w.instanceOf, () -> instanceOfExpression(ctx, depth)),
        opt(a, w.recordPatternExpression, () -> recordPatternExpression(ctx, depth)),
        opt(deeper, w.patternSwitchExpression, () -> patternSwitchExpression(ctx, depth, false)),
        opt(more, w.concat, () -> expr(Kind.CONCAT_LEN, "int", intExpr(ctx, depth - 1), intExpr(ctx, depth - 1))));
  }

  /** An awaited int: a helper coroutine, or a call of a later method. */
  private Node awaitInt(Ctx ctx, int depth) {
    List<Signature> ints = forward(false);
    Node awaitable = choose(
        opt(w.awaitNow, () -> leaf(ctx, "now", depth)),
        opt(w.awaitGeneric, () -> leaf(ctx, "same", depth)),
        opt(w.awaitTick, () -> leaf(ctx, "tick", depth)),
        opt(w.awaitLater, () -> leaf(ctx, "later", depth)),
        opt(w.awaitSleepValue, () -> Node.of(Kind.LEAF, "int", List.of("sleep", any(List.of("0", "0.5", "1"))),
            List.of(intExpr(ctx, depth - 1)))),
        opt(w.awaitFailing, () -> Node.of(Kind.LEAF, "int", List.of(any(List.of("fails", "failsNow", "failC"))),
            List.of(expr(Kind.STR, "String", List.of(label("x")))))),
        opt(!ints.isEmpty(), w.awaitCall, () -> call(ctx, any(ints), "d", depth)));
    if (chance(w.task * 5)) {
      awaitable = expr(Kind.TASK, "int", awaitable);
    }
    return expr(Kind.AWAIT, "int", awaitable);
  }

  private Node leaf(Ctx ctx, String name, int depth) {
    return leafWith(name, intExpr(ctx, depth - 1));
  }

  private static Node leafWith(String name, Node arg) {
    return Node.of(Kind.LEAF, name.equals("obj") ? "Object" : "int", List.of(name), List.of(arg));
  }

  /** A child of gather: a helper that does not log, with a simple argument. */
  private Node gathered(Ctx ctx, boolean mayFail) {
    if (mayFail && chance(15)) {
      return Node.of(Kind.LEAF, "int", List.of("fails"), List.of(expr(Kind.STR, "String", List.of(label("g")))));
    }
    List<Local> ints = ctx.of("int");
    Node arg = !ints.isEmpty() && chance(50) ? var(any(ints)) : lit(rnd.nextInt(9));
    return leafWith(any(List.of("now", "tick", "later")), arg);
  }

  private Node instanceOfExpression(Ctx ctx, int depth) {
    String p = name("p");
    Ctx parts = ctx.same(); // a ?: like any other
    Ctx then = parts.child();
    then.locals.add(new Local(p, "int", false, true));
    return expr(Kind.INSTANCEOF_EXPR, "int", List.of(p), objectExpr(parts), intExpr(then, depth - 1),
        intExpr(parts, depth - 1));
  }

  /**
   * A switch expression; {@code alone}: it is a local's whole initializer. Only there do its arms
   * get try and synchronized statements: where the switch is an operand (javac has values on its
   * stack), javac 17 miscompiles them (a VerifyError for synchronized in {@code f |= switch ...},
   * a NullPointerException in Gen.doHandleSwitchExpression for a try in a string concatenation).
   */
  private Node switchExpression(Ctx ctx, int depth, boolean alone) {
    String kind = selectorKind();
    List<Node> kids = new ArrayList<>();
    kids.add(selector(ctx, kind));
    for (String labels : caseLabels(kind, true)) {
      Ctx arm = ctx.child();
      arm.targets.clear(); // nothing jumps out of a switch expression
      arm.returns = false;
      arm.loops = 0;
      arm.operandArm |= !alone; // inside an operand arm, the stack is not empty either
      Node body = choose(
          opt(6, () -> intExpr(arm, depth - 1)),
          opt(3, () -> {
            List<Node> statements = budget > 0 ? statements(arm, 2) : new ArrayList<>();
            if (Analysis.canComplete(Node.block(statements))) {
              statements.add(stmt(Kind.YIELD, intExpr(arm, depth - 1)));
            }
            return Node.block(statements);
          }),
          opt(1, () -> throwStatement(arm)));
      kids.add(Node.of(Kind.CASE, null, List.of(labels), List.of(body)));
    }
    Node last = kids.get(kids.size() - 1);
    if (kids.subList(1, kids.size()).stream().noneMatch(c -> givesValue(c.kid(0)))) {
      // javac wants at least one arm that gives a value
      kids.set(kids.size() - 1, last.withKid(0, lit(rnd.nextInt(5))));
    }
    return Node.of(Kind.SWITCH_EXPR, "int", List.of(kind), kids);
  }

  private static boolean givesValue(Node arm) {
    return arm.type() != null
        || (arm.is(Kind.BLOCK) && !arm.kids().isEmpty() && arm.kid(arm.kids().size() - 1).is(Kind.YIELD));
  }

  // ------------------------------------------------------------------ Java 21 patterns

  /** The records of the sealed interface {@code Sh}; no component of theirs is ever null. */
  private static final List<String> RECORDS = List.of("Dot", "Seg", "Pair");

  private static List<String> components(String record) {
    return switch (record) {
      case "Dot" -> List.of("int");
      case "Seg" -> List.of("int", "int");
      default -> List.of("Dot", "Seg");
    };
  }

  /** An int read from a record local: {@code d.v()}, {@code pair.second().b()}. */
  private Node access(Local l) {
    String accessor = switch (l.type) {
      case "Dot" -> "v()";
      case "Seg" -> any(List.of("a()", "b()"));
      default -> any(List.of("first().v()", "second().a()", "second().b()"));
    };
    return expr(Kind.ACCESS, "int", List.of(l.name, accessor));
  }

  /** A binding pattern; its variable goes into {@code scope}, an Integer's as an int. */
  private Node binding(String written, String type, Ctx scope) {
    String p = name("p");
    scope.locals.add(new Local(p, type.equals("Integer") ? "int" : type, false, true));
    return Node.of(Kind.PAT_BIND, null, List.of(written, p), List.of());
  }

  /**
   * A record pattern for {@code record} that matches every such record (their components are
   * never null), nesting record patterns down to {@code depth}; its variables go into {@code scope}.
   */
  private Node recordPattern(String record, Ctx scope, int depth) {
    List<Node> kids = new ArrayList<>();
    for (String component : components(record)) {
      kids.add(!component.equals("int") && depth > 1 && chance(50)
          ? recordPattern(component, scope, depth - 1)
          : binding(chance(40) ? "var" : component, component, scope));
    }
    return Node.of(Kind.PAT_REC, null, List.of(record), kids);
  }

  /** The pattern of a case for {@code type}: a type pattern, or a record pattern for a record. */
  private Node casePattern(String type, Ctx scope) {
    return RECORDS.contains(type) && chance(55) ? recordPattern(type, scope, 2) : binding(type, type, scope);
  }

  /**
   * What a pattern is matched against: a Sh ("shape", never null), a Sh or null ("nullable"), an
   * Integer or a String ("object"). Awaited where the context may await.
   */
  private Node subject(Ctx ctx, String kind) {
    List<Local> shapes = ctx.of("Sh");
    return switch (kind) {
      case "object" -> objectExpr(ctx);
      case "nullable" -> awaitedShape(ctx, "shapeOrNull");
      default -> choose(
          opt(!shapes.isEmpty(), 4, () -> var(any(shapes))),
          opt(ctx.awaits, 5, () -> awaitedShape(ctx, "shape")),
          opt(2, () -> expr(Kind.HELPER, "Sh", List.of("sh"), intExpr(ctx, 2))));
    };
  }

  private Node awaitedShape(Ctx ctx, String helper) {
    return expr(Kind.AWAIT, "Sh", Node.of(Kind.LEAF, "Sh", List.of(helper), List.of(intExpr(ctx, 2))));
  }

  private String subjectKind(Ctx ctx) {
    return ctx.awaits ? any(List.of("shape", "shape", "shape", "nullable", "object")) : "shape";
  }

  private Node ifRecordPattern(Ctx ctx) {
    Ctx inner = ctx.child();
    Node subject = chance(25) ? subject(ctx, "nullable") : subject(ctx, "shape");
    Node pattern = recordPattern(any(RECORDS), inner, 3);
    Node test = expr(Kind.MATCHES, "bool", subject, pattern);
    List<Local> bound = new ArrayList<>(inner.locals.subList(ctx.locals.size(), inner.locals.size()));
    bound.removeIf(l -> !l.type.equals("int"));
    Node cond = bound.isEmpty() || chance(50)
        ? test
        : expr(Kind.BIN, "bool", List.of("&&"), test,
            expr(Kind.BIN, "bool", List.of(any(List.of("<", ">", "!="))), var(any(bound)), intExpr(ctx, 1)));
    Node then = block(inner, 4);
    return chance(70) ? stmt(Kind.IF, cond, then) : stmt(Kind.IF, cond, then, block(ctx.child(), 2));
  }

  private Node recordPatternExpression(Ctx ctx, int depth) {
    Ctx parts = ctx.same(); // a ?: like any other
    Ctx then = parts.child();
    Node subject = chance(25) ? subject(parts, "nullable") : subject(parts, "shape");
    Node pattern = recordPattern(any(RECORDS), then, 2);
    return expr(Kind.MATCHES_EXPR, "int", subject, pattern, intExpr(then, depth - 1), intExpr(parts, depth - 1));
  }

  /** One case to write: its label, the type its pattern tests, whether it has a guard. */
  private record CaseSpec(String label, String type, boolean guarded) {}

  /**
   * The cases of a switch over patterns, in an order javac accepts: for each type, its guarded
   * cases before the one without a guard (which would dominate them); {@code case null} first or
   * {@code case null, default} last; a {@code default} wherever a type lacks a case without a guard
   * (the switch must be exhaustive) and sometimes where it does not.
   */
  private List<CaseSpec> patternCases(String kind) {
    boolean object = kind.equals("object");
    List<String> types = new ArrayList<>(object ? List.of("Integer", "String") : RECORDS);
    Collections.shuffle(types, rnd);
    List<CaseSpec> cases = new ArrayList<>();
    boolean needsDefault = object;
    for (String type : types) {
      if (chance(15)) {
        needsDefault = true;
        continue;
      }
      int guarded = chance(60) ? 0 : chance(85) ? 1 : 2;
      for (int i = 0; i < guarded; i++) {
        cases.add(new CaseSpec("pattern", type, true));
      }
      if (chance(75)) {
        cases.add(new CaseSpec("pattern", type, false));
      } else {
        needsDefault = true;
      }
    }
    boolean nullable = kind.equals("nullable");
    boolean nullFirst = chance(nullable ? 50 : 10);
    if (nullFirst) {
      cases.add(0, new CaseSpec("null", null, false));
    }
    if (needsDefault || chance(15) || (nullable && !nullFirst)) {
      cases.add(new CaseSpec(nullable && !nullFirst || chance(20) && !nullFirst ? "null,default" : "default",
          null, false));
    }
    return cases;
  }

  /** The pattern and guard of a case (NONE where it has none); the bindings go into {@code scope}. */
  private List<Node> caseHead(CaseSpec spec, Ctx scope) {
    List<Node> head = new ArrayList<>();
    if (!spec.label.equals("pattern")) {
      head.add(stmt(Kind.NONE));
      head.add(stmt(Kind.NONE));
      return head;
    }
    int before = scope.locals.size();
    head.add(casePattern(spec.type, scope));
    head.add(spec.guarded ? guard(scope, scope.locals.subList(before, scope.locals.size())) : stmt(Kind.NONE));
    return head;
  }

  /**
   * A guard: no await (refused there), and only the case's bindings, fields and effectively final
   * locals, as Java requires; it may log through note(...), which shows when guards are tested.
   */
  private Node guard(Ctx scope, List<Local> bound) {
    Ctx g = scope.same();
    g.locals.removeIf(l -> !l.capturable);
    g.awaits = false;
    g.pure = true;
    List<Node> reads = new ArrayList<>();
    for (Local l : bound) {
      if (l.type.equals("int")) {
        reads.add(var(l));
      } else if (RECORDS.contains(l.type)) {
        reads.add(access(l));
      } else if (l.type.equals("String")) {
        reads.add(expr(Kind.LEN, "int", List.of(l.name, "string")));
      }
    }
    // never a constant: a guard that is constant true would make the case unguarded (dominating
    // the later ones), constant false is refused
    Node read = reads.isEmpty() ? field(g) : any(reads);
    Node left = chance(25) ? expr(Kind.NOTE, "int", List.of(label("n"), ""), read) : read; // shows the guard ran
    Node test = expr(Kind.BIN, "bool", List.of(any(List.of("<", "<=", ">", ">=", "==", "!="))), left,
        chance(70) ? lit(rnd.nextInt(6) - 1) : intExpr(g, 1));
    return chance(20) ? expr(Kind.BIN, "bool", List.of(chance(50) ? "&&" : "||"), test, boolExpr(g, 1)) : test;
  }

  private Node patternSwitch(Ctx ctx) {
    String kind = subjectKind(ctx);
    boolean arrow = chance(60);
    List<Node> kids = new ArrayList<>();
    kids.add(subject(ctx, kind));
    List<CaseSpec> specs = patternCases(kind);
    for (int i = 0; i < specs.size(); i++) {
      Ctx g = ctx.child();
      g.targets.add(new Target("", "switch"));
      List<Node> parts = caseHead(specs.get(i), g);
      if (arrow) {
        parts.add(choose(
            opt(5, () -> block(g, 3)),
            opt(3, () -> log(g)),
            opt(1, () -> throwStatement(g)),
            opt(g.awaits, 1, () -> stmt(Kind.SLEEP, List.of("1")))));
      } else {
        List<Node> body = statements(g, 3);
        // javac refuses a fall through into a case that binds variables: each group ends in a jump
        if (Analysis.canComplete(Node.block(body)) && (i < specs.size() - 1 || chance(70))) {
          body.add(stmt(Kind.BREAK, List.of("")));
        }
        parts.addAll(body);
      }
      kids.add(Node.of(Kind.PCASE, null, List.of(specs.get(i).label), parts));
    }
    return Node.of(Kind.PSWITCH, null, List.of(arrow ? "arrow" : "old", kind), kids);
  }

  /** As {@link #switchExpression}, over patterns. */
  private Node patternSwitchExpression(Ctx ctx, int depth, boolean alone) {
    String kind = subjectKind(ctx);
    List<Node> kids = new ArrayList<>();
    kids.add(subject(ctx, kind));
    for (CaseSpec spec : patternCases(kind)) {
      Ctx arm = ctx.child();
      arm.targets.clear(); // nothing jumps out of a switch expression
      arm.returns = false;
      arm.loops = 0;
      arm.operandArm |= !alone;
      List<Node> parts = caseHead(spec, arm);
      parts.add(choose(
          opt(6, () -> intExpr(arm, depth - 1)),
          opt(3, () -> {
            List<Node> statements = budget > 0 ? statements(arm, 2) : new ArrayList<>();
            if (Analysis.canComplete(Node.block(statements))) {
              statements.add(stmt(Kind.YIELD, intExpr(arm, depth - 1)));
            }
            return Node.block(statements);
          }),
          opt(1, () -> throwStatement(arm))));
      kids.add(Node.of(Kind.PCASE, null, List.of(spec.label), parts));
    }
    if (kids.subList(1, kids.size()).stream().noneMatch(c -> givesValue(c.kid(2)))) {
      // javac wants at least one arm that gives a value
      int last = kids.size() - 1;
      kids.set(last, kids.get(last).withKid(2, lit(rnd.nextInt(5))));
    }
    return Node.of(Kind.PSWITCH_EXPR, "int", List.of(kind), kids);
  }

  private Node boolExpr(Ctx ctx, int depth) {
    List<Local> bools = ctx.of("boolean");
    boolean more = depth > 0;
    return choose(
        opt(12, () -> expr(Kind.BIN, "bool", List.of(any(List.of("<", "<=", ">", ">=", "==", "!="))),
            intExpr(ctx, depth - 1), intExpr(ctx, depth - 1))),
        opt(more, 3, () -> expr(Kind.BIN, "bool", List.of(chance(50) ? "&&" : "||"), boolExpr(ctx, depth - 1),
            boolExpr(ctx, depth - 1))),
        opt(more, 1, () -> expr(Kind.BIN, "bool", List.of(any(List.of("&", "|", "^"))), boolExpr(ctx, depth - 1),
            boolExpr(ctx, depth - 1))),
        opt(more, 1, () -> expr(Kind.NOT, "bool", boolExpr(ctx, depth - 1))),
        opt(!bools.isEmpty(), 3, () -> var(any(bools))),
        opt(more && ctx.awaits, 2, () -> expr(Kind.AWAIT, "bool",
            Node.of(Kind.LEAF, "bool", List.of("even"), List.of(intExpr(ctx, depth - 1))))));
  }
}
