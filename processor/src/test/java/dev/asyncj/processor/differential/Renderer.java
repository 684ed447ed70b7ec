package dev.asyncj.processor.differential;

import dev.asyncj.processor.differential.Node.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a {@link Kind#PROGRAM} as Java source, in one of two variants from the same tree:
 *
 * <ul>
 *   <li><b>async</b>: {@code @Async Coroutine<Integer> m(...)}, {@code Await.of(x)}, {@code return
 *       done(v);}, helper coroutines that suspend ({@code sleep(0)}, {@code sleep(d)} on the virtual
 *       clock) or complete at once; compiled with the asyncj processor.
 *   <li><b>sync</b>: {@code int m(...)}, {@code x}, {@code return v;}, helpers that return at once;
 *       compiled by plain javac.
 * </ul>
 *
 * Both print the same trace through {@code log}, so their outputs must be equal line by line.
 */
final class Renderer {
  static final String PACKAGE = "gen";

  private final boolean async;
  private final StringBuilder out = new StringBuilder();
  private final Set<String> uses = new TreeSet<>();
  private String className;
  private int indent;
  /** The program's static methods: they take the instance as {@code self}. */
  private final Set<String> statics = new TreeSet<>();
  /** Whether the method being written is static: "this" is written "self" there. */
  private boolean inStatic;

  private Renderer(boolean async) {
    this.async = async;
  }

  /** The whole compilation unit of {@code program} in the chosen variant. */
  static String render(Node program, boolean async) {
    return new Renderer(async).program(program);
  }

  /** The qualified class name of {@code program}. */
  static String qualifiedName(Node program) {
    return PACKAGE + "." + program.attr(0);
  }

  // ------------------------------------------------------------------ program and methods

  private String program(Node p) {
    className = p.attr(0);
    boolean gather = p.attr(1).equals("gather");
    for (Node m : p.kids()) {
      if (m.attr(3).equals("static")) {
        statics.add(m.attr(0));
      }
    }
    indent = 1;
    for (Node m : p.kids()) {
      method(m);
      line("");
    }
    String methods = out.toString();
    out.setLength(0);

    out.append("package ").append(PACKAGE).append(";\n\n");
    if (async) {
      out.append("import dev.asyncj.*;\nimport static dev.asyncj.Asyncio.*;\n");
    }
    out.append("import java.util.*;\nimport java.util.function.*;\n\n");
    out.append("public class ").append(className).append(" {\n");
    indent = 1;
    line("final String tag;");
    line("int fuel = " + ProgramGenerator.FUEL + ";");
    line("int f0 = 1;");
    line("int f1 = 2;");
    line("int[] fa = {0, 1, 2, 3};");
    line("");
    line(className + "(String tag) { this.tag = tag; }");
    line("");
    line("void log(String line) { System.out.println(tag + \"| \" + line); }");
    line("int note(String what, int v) { log(what + \"=\" + v); return v; }");
    line("void fuel() { if (--fuel < 0) throw new IllegalStateException(\"out of fuel\"); }");
    line("");
    out.append(methods);
    helpers();
    line("");
    String entry = "new " + className + "(tag).m0(" + ProgramGenerator.ENTRY_DEPTH + ", a, " + p.attr(4) + ")";
    if (async) {
      line("static Coroutine<Integer> start(String tag, int a) throws Exception { return " + entry + "; }");
      if (gather) {
        line("");
        line("@Async static Coroutine<List<Object>> main() throws Exception {");
        line("  return done(Await.of(gather(true, start(\"A\", " + p.attr(2) + "), start(\"B\", " + p.attr(3) + "))));");
        line("}");
      }
    } else {
      line("static int start(String tag, int a) throws Exception { return " + entry + "; }");
    }
    out.append("}\n");
    return out.toString();
  }

  private void method(Node m) {
    boolean isVoid = m.attr(1).equals("void");
    String ret = async ? (isVoid ? "Coroutine<Void>" : "Coroutine<Integer>") : (isVoid ? "void" : "int");
    String params =
        switch (m.attr(2)) {
          case "ab" -> "int d, int a, int b";
          case "a" -> "int d, int a";
          case "xs" -> "int d, int... xs";
          default -> "int d";
        };
    inStatic = m.attr(3).equals("static");
    if (inStatic) {
      params = className + " self, " + params;
    }
    line((async ? "@Async " : "") + (inStatic ? "static " : "") + ret + " " + m.attr(0) + "(" + params
        + ") throws Exception {");
    indent++;
    line(self() + "fuel();");
    statements(m.kid(0).kids());
    indent--;
    line("}");
    inStatic = false;
  }

  /** The helpers the methods used, in the variant's form. */
  private void helpers() {
    List<String> h = new ArrayList<>();
    for (String u : uses) {
      switch (u) {
        case "now" -> h.add(async
            ? "@Async static Coroutine<Integer> now(int v) { return done(v); }"
            : "static int now(int v) { return v; }");
        case "same" -> h.add(async
            ? "@Async static <T> Coroutine<T> same(T v) { Await.of(sleep(0)); return done(v); }"
            : "static <T> T same(T v) { return v; }");
        case "tick" -> h.add(async
            ? "@Async static Coroutine<Integer> tick(int v) { Await.of(sleep(0)); return done(v); }"
            : "static int tick(int v) { return v; }");
        case "later" -> h.add(async
            ? "@Async static Coroutine<Integer> later(int v) { Await.of(sleep(1)); return done(v); }"
            : "static int later(int v) { return v; }");
        case "fails" -> h.add(async
            ? "@Async static Coroutine<Integer> fails(String m) { Await.of(sleep(0.5)); throw new IllegalStateException(m); }"
            : "static int fails(String m) { throw new IllegalStateException(m); }");
        case "failsNow" -> h.add(async
            ? "@Async static Coroutine<Integer> failsNow(String m) { throw new IllegalArgumentException(m); }"
            : "static int failsNow(String m) { throw new IllegalArgumentException(m); }");
        case "failC" -> h.add(async
            ? "@Async static Coroutine<Integer> failC(String m) throws Checked { Await.of(sleep(0)); throw new Checked(m); }"
            : "static int failC(String m) throws Checked { throw new Checked(m); }");
        case "even" -> h.add(async
            ? "@Async static Coroutine<Boolean> even(int v) { Await.of(sleep(0)); return done(v % 2 == 0); }"
            : "static boolean even(int v) { return v % 2 == 0; }");
        case "obj" -> h.add(async
            ? "@Async static Coroutine<Object> obj(int v) { Await.of(sleep(0)); return done(v % 2 == 0 ? (Object) v : \"s\" + v); }"
            : "static Object obj(int v) { return v % 2 == 0 ? (Object) v : \"s\" + v; }");
        case "boxOf" -> h.add(async
            ? "@Async static Coroutine<Box> boxOf(int v) { Await.of(sleep(0)); return done(new Box(v)); }"
            : "static Box boxOf(int v) { return new Box(v); }");
        case "listOf" -> h.add(async
            ? "@Async static Coroutine<List<Integer>> listOf(int a, int b) { Await.of(sleep(1)); return done(List.of(a, b)); }"
            : "static List<Integer> listOf(int a, int b) { return List.of(a, b); }");
        case "open" -> h.add(async
            ? "@Async Coroutine<Res> open(String name, int mode) {\n"
                + "  Await.of(sleep(0));\n"
                + "  if (mode == 2) throw new IllegalStateException(\"open \" + name);\n"
                + "  return done(new Res(this, name, mode));\n"
                + "}"
            : "Res open(String name, int mode) {\n"
                + "  if (mode == 2) throw new IllegalStateException(\"open \" + name);\n"
                + "  return new Res(this, name, mode);\n"
                + "}");
        case "sleep" -> {
          if (!async) {
            h.add("static Void sleep(double seconds) { return null; }");
          }
        }
        case "sleepValue" -> {
          if (!async) {
            h.add("static int sleep(double seconds, int v) { return v; }");
          }
        }
        case "createTask" -> {
          if (!async) {
            h.add("static <T> T createTask(T v) { return v; }");
          }
        }
        case "sum" -> h.add("static int sum(List<Integer> l) { int s = 0; for (int v : l) s += v; return s; }");
        case "sum3" -> h.add("static int sum3(int a, int b, int c) { return a * 100 + b * 10 + c; }");
        case "cap" -> h.add("static int cap(int v) { return Math.floorMod(v, 4); }");
        case "str" -> h.add("static String str(int v) { return \"k\" + Math.floorMod(v, 3); }");
        case "sz" -> h.add("enum Sz { S, M, L }\nstatic Sz sz(int v) { return Sz.values()[Math.floorMod(v, 3)]; }");
        case "describe" -> h.add(
            "static String describe(Throwable e) {\n"
                + "  String s = e.getClass().getSimpleName() + \":\" + e.getMessage();\n"
                + "  for (Throwable t : e.getSuppressed()) s += \" +\" + describe(t);\n"
                + "  return s;\n"
                + "}");
        case "Box" -> h.add("static final class Box {\n"
            + "  final int v;\n"
            + "  Box(int v) { this.v = v; }\n"
            + "  int plus(int x) { return v * 3 + x; }\n"
            + "}");
        case "Res" -> h.add("static final class Res implements AutoCloseable {\n"
            + "  final " + className + " owner;\n"
            + "  final String name;\n"
            + "  final int mode;\n"
            + "  Res(" + className + " owner, String name, int mode) {\n"
            + "    this.owner = owner; this.name = name; this.mode = mode;\n"
            + "    owner.log(\"open \" + name);\n"
            + "  }\n"
            + "  @Override public void close() {\n"
            + "    owner.log(\"close \" + name);\n"
            + "    if (mode == 1) throw new IllegalStateException(\"close \" + name);\n"
            + "  }\n"
            + "}");
        case "Checked" -> h.add(
            "static final class Checked extends Exception { Checked(String m) { super(m); } }");
        case "Sh" -> h.add("sealed interface Sh permits Dot, Seg, Pair {}\n"
            + "record Dot(int v) implements Sh {}\n"
            + "record Seg(int a, int b) implements Sh {}\n"
            + "record Pair(Dot first, Seg second) implements Sh {}\n"
            + "static Sh sh(int v) {\n"
            + "  int k = Math.floorMod(v, 3);\n"
            + "  return k == 0 ? new Dot(v) : k == 1 ? new Seg(v, v % 3) : new Pair(new Dot(v - 1), new Seg(v / 2, -v));\n"
            + "}");
        case "sh" -> {} // with Sh
        case "shape" -> h.add(async
            ? "@Async static Coroutine<Sh> shape(int v) { Await.of(sleep(0)); return done(sh(v)); }"
            : "static Sh shape(int v) { return sh(v); }");
        case "shapeOrNull" -> h.add(async
            ? "@Async static Coroutine<Sh> shapeOrNull(int v) { return done(Math.floorMod(v, 4) == 3 ? null : sh(v)); }"
            : "static Sh shapeOrNull(int v) { return Math.floorMod(v, 4) == 3 ? null : sh(v); }");
        default -> throw new IllegalStateException("unknown helper " + u);
      }
    }
    for (String helper : h) {
      for (String l : helper.split("\n")) {
        line(l);
      }
    }
  }

  /** How the instance's members are qualified where they are written without "this.". */
  private String self() {
    return inStatic ? "self." : "";
  }

  /** How they are qualified where they are written with "this.". */
  private String thisDot() {
    return inStatic ? "self." : "this.";
  }

  private String instance() {
    return inStatic ? "self" : "this";
  }

  private void use(String helper) {
    uses.add(helper);
    switch (helper) {
      case "open" -> uses.add("Res");
      case "boxOf" -> uses.add("Box");
      case "failC" -> uses.add("Checked");
      case "shape", "shapeOrNull", "sh" -> uses.add("Sh");
      default -> {}
    }
  }

  // ------------------------------------------------------------------ statements

  private void line(String text) {
    if (text.isEmpty()) {
      out.append('\n');
      return;
    }
    out.append("  ".repeat(indent)).append(text).append('\n');
  }

  private void statements(List<Node> statements) {
    for (Node s : statements) {
      statement(s);
    }
  }

  /** Writes {@code { ... }} after {@code head} (which ends the opening line). */
  private void braced(String head, Node block, String tail) {
    line(head + "{");
    indent++;
    statements(block.kids());
    indent--;
    line("}" + tail);
  }

  private static String label(String label) {
    return label.isEmpty() ? "" : label + ": ";
  }

  private void statement(Node s) {
    switch (s.kind()) {
      case BLOCK -> statements(s.kids());
      case NEST -> braced(label(s.attr(0)), s.kid(0), "");
      case SYNC -> braced("synchronized (" + instance() + ") ", s.kid(0), "");
      case DECL -> {
        String type = s.attr(0);
        if (type.equals("Res")) {
          use("Res");
        }
        line((s.attr(2).isEmpty() ? "" : s.attr(2) + " ") + type + " " + s.attr(1) + " = " + top(s.kid(0)) + ";");
      }
      case EXPR -> line(top(s.kid(0)) + ";");
      case LOG -> line(logCall(s) + ";");
      case LIST_ADD -> line(s.attr(0) + ".add(" + top(s.kid(0)) + ");");
      case SLEEP -> line(sleepCall(s) + ";");
      case IF -> ifStatement(s, "");
      case FOR -> braced(
          label(s.attr(1)) + "for (int " + s.attr(0) + " = 0; " + s.attr(0) + " < " + expr(s.kid(0)) + "; "
              + top(s.kid(1)) + ") ",
          s.kid(2), "");
      case WHILE -> {
        line("int " + s.attr(0) + " = 0;");
        braced(label(s.attr(1)) + "while (" + s.attr(0) + "++ < " + expr(s.kid(0)) + ") ", s.kid(1), "");
      }
      case DO -> {
        line("int " + s.attr(0) + " = 0;");
        braced(label(s.attr(1)) + "do ", s.kid(1), " while (++" + s.attr(0) + " < " + expr(s.kid(0)) + ");");
      }
      case FOREACH -> braced(
          label(s.attr(2)) + "for (" + s.attr(0) + " " + s.attr(1) + " : " + top(s.kid(0)) + ") ", s.kid(1), "");
      case BREAK -> line("break" + (s.attr(0).isEmpty() ? "" : " " + s.attr(0)) + ";");
      case CONTINUE -> line("continue" + (s.attr(0).isEmpty() ? "" : " " + s.attr(0)) + ";");
      case RETURN -> {
        if (s.kids().isEmpty()) {
          line(async ? "return done();" : "return;");
        } else {
          line(async ? "return done(" + top(s.kid(0)) + ");" : "return " + top(s.kid(0)) + ";");
        }
      }
      case RETURN_CALL -> line("return " + top(s.kid(0)) + ";");
      case THROW -> line(throwStatement(s));
      case RETHROW -> line("throw " + s.attr(0) + ";");
      case TRY -> tryStatement(s);
      case SWITCH -> switchStatement(s);
      case PSWITCH -> patternSwitch(s);
      case SUPPLIER -> {
        if (s.attr(1).equals("lambda")) {
          line("IntSupplier " + s.attr(0) + " = () -> " + top(s.kid(0)) + ";");
        } else {
          line("IntSupplier " + s.attr(0) + " = new IntSupplier() {");
          indent++;
          line("@Override");
          line("public int getAsInt() {");
          line("  return " + top(s.kid(0)) + ";");
          line("}");
          indent--;
          line("};");
        }
      }
      case YIELD -> {
        // javac can read "yield (" as a call of a method named yield (when a comma follows, even
        // in a switch's "case 2, 3"); a unary + around the int value keeps it a yield statement
        String value = top(s.kid(0));
        line("yield " + (value.startsWith("(") ? "+(" + value + ")" : value) + ";");
      }
      default -> throw new IllegalArgumentException("not a statement: " + s);
    }
  }

  private String logCall(Node s) {
    StringBuilder b = new StringBuilder(self() + "log(\"").append(s.attr(0));
    String separator = " \" + ";
    for (Node part : s.kids()) {
      b.append(separator).append(expr(part));
      separator = " + \" \" + ";
    }
    return b.append(s.kids().isEmpty() ? "\")" : ")").toString();
  }

  private String sleepCall(Node s) {
    use("sleep");
    return async ? "Await.of(sleep(" + s.attr(0) + "))" : "sleep(" + s.attr(0) + ")";
  }

  private String throwStatement(Node s) {
    if (s.attr(0).equals("Checked")) {
      use("Checked");
    }
    return "throw new " + s.attr(0) + "(" + top(s.kid(0)) + ");";
  }

  private void ifStatement(Node s, String prefix) {
    line(prefix + "if (" + top(s.kid(0)) + ") {");
    indent++;
    statements(s.kid(1).kids());
    indent--;
    if (s.kids().size() < 3) {
      line("}");
      return;
    }
    Node otherwise = s.kid(2);
    if (otherwise.kids().size() == 1 && otherwise.kid(0).is(Kind.IF)) {
      ifStatement(otherwise.kid(0), "} else ");
      return;
    }
    line("} else {");
    indent++;
    statements(otherwise.kids());
    indent--;
    line("}");
  }

  private void tryStatement(Node s) {
    Node resources = s.kid(0);
    Node body = s.kid(1);
    Node catches = s.kid(2);
    Node fin = s.kid(3);
    if (resources.kids().isEmpty() && catches.kids().isEmpty() && fin.is(Kind.NONE)) {
      braced("", body, "");
      return;
    }
    List<String> res = new ArrayList<>();
    for (Node r : resources.kids()) {
      use("Res");
      res.add(r.attr(1).equals("ref") ? r.attr(0) : "Res " + r.attr(0) + " = " + top(r.kid(0)));
    }
    String head = res.isEmpty() ? "try " : "try (" + String.join("; ", res) + ") ";
    line(head + "{");
    indent++;
    statements(body.kids());
    indent--;
    for (Node c : catches.kids()) {
      if (c.attr(0).contains("Checked")) {
        use("Checked");
      }
      line("} catch (" + c.attr(0).replace("|", " | ") + " " + c.attr(1) + ") {");
      indent++;
      statements(c.kid(0).kids());
      indent--;
    }
    if (!fin.is(Kind.NONE)) {
      line("} finally {");
      indent++;
      statements(fin.kids());
      indent--;
    }
    line("}");
  }

  private String caseLabels(String labels) {
    return labels.equals("default") ? "default" : "case " + labels.replace(",", ", ");
  }

  private void switchStatement(Node s) {
    boolean arrow = s.attr(0).equals("arrow");
    line("switch (" + selector(s.attr(1), s.kid(0)) + ") {");
    indent++;
    for (Node g : s.kids().subList(1, s.kids().size())) {
      if (!arrow) {
        line(caseLabels(g.attr(0)) + ":");
        indent++;
        statements(g.kids());
        indent--;
        continue;
      }
      Node body = g.kid(0);
      String head = caseLabels(g.attr(0)) + " -> ";
      switch (body.kind()) {
        case BLOCK -> braced(head, body, "");
        case EXPR -> line(head + top(body.kid(0)) + ";");
        case LOG -> line(head + logCall(body) + ";");
        case SLEEP -> line(head + sleepCall(body) + ";");
        case THROW -> line(head + throwStatement(body));
        default -> throw new IllegalArgumentException("arrow body " + body);
      }
    }
    indent--;
    line("}");
  }

  private void patternSwitch(Node s) {
    boolean arrow = s.attr(0).equals("arrow");
    line("switch (" + top(s.kid(0)) + ") {");
    indent++;
    for (Node c : s.kids().subList(1, s.kids().size())) {
      if (!arrow) {
        line(caseLabel(c) + ":");
        indent++;
        statements(c.kids().subList(2, c.kids().size()));
        indent--;
        continue;
      }
      Node body = c.kid(2);
      String head = caseLabel(c) + " -> ";
      switch (body.kind()) {
        case BLOCK -> braced(head, body, "");
        case EXPR -> line(head + top(body.kid(0)) + ";");
        case LOG -> line(head + logCall(body) + ";");
        case SLEEP -> line(head + sleepCall(body) + ";");
        case THROW -> line(head + throwStatement(body));
        default -> throw new IllegalArgumentException("arrow body " + body);
      }
    }
    indent--;
    line("}");
  }

  /** The label of a PCASE: {@code case Seg(int p1, var p2) when p1 > 2}, {@code case null}, ... */
  private String caseLabel(Node c) {
    return switch (c.attr(0)) {
      case "null" -> "case null";
      case "null,default" -> "case null, default";
      case "default" -> "default";
      default -> "case " + pattern(c.kid(0)) + (c.kid(1).is(Kind.NONE) ? "" : " when " + top(c.kid(1)));
    };
  }

  private String pattern(Node p) {
    if (p.is(Kind.PAT_BIND)) {
      return p.attr(0) + " " + p.attr(1);
    }
    List<String> components = new ArrayList<>();
    for (Node k : p.kids()) {
      components.add(pattern(k));
    }
    return p.attr(0) + "(" + String.join(", ", components) + ")";
  }

  private String selector(String kind, Node e) {
    switch (kind) {
      case "int":
        return top(e);
      case "string":
        use("str");
        return "str(" + top(e) + ")";
      default:
        use("sz");
        return "sz(" + top(e) + ")";
    }
  }

  // ------------------------------------------------------------------ expressions

  /** An expression where it stands alone (an initializer, an argument, a condition). */
  private String top(Node e) {
    String text = expr(e);
    boolean parenthesized =
        e.is(Kind.BIN) || e.is(Kind.COND) || e.is(Kind.ASSIGN) || e.is(Kind.INC) || e.is(Kind.SWITCH_EXPR)
            || e.is(Kind.INSTANCEOF_EXPR) || e.is(Kind.INSTANCEOF) || e.is(Kind.MATCHES)
            || e.is(Kind.MATCHES_EXPR) || e.is(Kind.PSWITCH_EXPR);
    return parenthesized ? text.substring(1, text.length() - 1) : text;
  }

  private String args(List<Node> args) {
    List<String> list = new ArrayList<>();
    for (Node a : args) {
      list.add(top(a));
    }
    return String.join(", ", list);
  }

  /** An expression as an operand: compound expressions come parenthesized. */
  private String expr(Node e) {
    switch (e.kind()) {
      case LIT:
        return e.attr(0).startsWith("-") ? "(" + e.attr(0) + ")" : e.attr(0);
      case VAR:
        return e.attr(0);
      case FIELD:
        return (e.attr(1).isEmpty() ? self() : thisDot()) + e.attr(0);
      case NOTE:
        return (e.attr(1).isEmpty() ? self() : thisDot()) + "note(\"" + e.attr(0) + "\", " + top(e.kid(0)) + ")";
      case BIN:
        return "(" + expr(e.kid(0)) + " " + e.attr(0) + " " + expr(e.kid(1)) + ")";
      case COND:
        return "(" + expr(e.kid(0)) + " ? " + expr(e.kid(1)) + " : " + expr(e.kid(2)) + ")";
      case NOT:
        return "!" + expr(e.kid(0));
      case AWAIT:
        return async ? "Await.of(" + top(e.kid(0)) + ")" : top(e.kid(0));
      case LEAF:
        {
          String name = e.attr(0);
          if (name.equals("sleep")) {
            use("sleepValue");
            return "sleep(" + e.attr(1) + ", " + top(e.kid(0)) + ")";
          }
          use(name);
          return (name.equals("open") ? self() : "") + name + "(" + args(e.kids()) + ")";
        }
      case CALL:
        return call(e.attr(0), e.attr(1), e.attr(2).isEmpty() ? "d" : e.attr(2), e.kids());
      case REC:
        {
          String call = call(e.attr(0), "", "d - 1", e.kids());
          return "(d > 0 ? " + (async ? "Await.of(" + call + ")" : call) + " : 0)";
        }
      case TASK:
        use("createTask");
        return "createTask(" + top(e.kid(0)) + ")";
      case GATHER_SUM:
        use("sum");
        return async
            ? "sum(Await.of(gather(" + args(e.kids()) + ")))"
            : "sum(List.of(" + args(e.kids()) + "))";
      case INC:
        return e.attr(1).equals("pre") ? "(" + e.attr(0) + expr(e.kid(0)) + ")" : "(" + expr(e.kid(0)) + e.attr(0) + ")";
      case ASSIGN:
        return "(" + expr(e.kid(0)) + " " + e.attr(0) + " " + top(e.kid(1)) + ")";
      case ARR:
        {
          String array = e.attr(0).equals("fa") ? self() + "fa" : e.attr(0).equals("this.fa") ? thisDot() + "fa" : e.attr(0);
          return array + "[" + expr(e.kid(0)) + " & 3]";
        }
      case CAST:
        return switch (e.attr(0)) {
          case "short" -> "(int) (short) " + expr(e.kid(0));
          case "byte" -> "(int) (byte) " + expr(e.kid(0));
          case "long" -> "(int) ((long) " + expr(e.kid(0)) + " * 3_000_000_000L >> 20)";
          default -> "(int) (" + expr(e.kid(0)) + " * 1.5)";
        };
      case CAST_LOCAL:
        return "(int) (" + e.attr(0) + " + " + expr(e.kid(0)) + ")";
      case LEN:
        return switch (e.attr(1)) {
          case "string" -> e.attr(0) + ".length()";
          case "list" -> e.attr(0) + ".size()";
          default -> e.attr(0) + ".length";
        };
      case LIST_GET:
        return "(" + e.attr(0) + ".isEmpty() ? -1 : " + e.attr(0) + ".get(Math.floorMod(" + top(e.kid(0)) + ", "
            + e.attr(0) + ".size())))";
      case NEW_BOX:
        use("Box");
        return "new Box(" + top(e.kid(0)) + ")";
      case PLUS:
        return expr(e.kid(0)) + ".plus(" + top(e.kid(1)) + ")";
      case SWITCH_EXPR:
        return switchExpression(e);
      case INSTANCEOF_EXPR:
        return "(" + expr(e.kid(0)) + " instanceof Integer " + e.attr(0) + " ? " + expr(e.kid(1)) + " : "
            + expr(e.kid(2)) + ")";
      case INSTANCEOF:
        return "(" + expr(e.kid(0)) + " instanceof Integer " + e.attr(0) + ")";
      case SUPPLIER_GET:
        return e.attr(0) + ".getAsInt()";
      case ACCESS:
        return e.attr(0) + "." + e.attr(1);
      case MATCHES:
        return "(" + expr(e.kid(0)) + " instanceof " + pattern(e.kid(1)) + ")";
      case MATCHES_EXPR:
        return "(" + expr(e.kid(0)) + " instanceof " + pattern(e.kid(1)) + " ? " + expr(e.kid(2)) + " : "
            + expr(e.kid(3)) + ")";
      case PSWITCH_EXPR:
        return switchExpression(e);
      case CONCAT_LEN:
        {
          StringBuilder b = new StringBuilder("(\"\"");
          for (Node part : e.kids()) {
            b.append(" + ").append(expr(part));
          }
          return b.append(").length()").toString();
        }
      case NEW_ARRAY:
        return "new int[] {" + args(e.kids()) + "}";
      case NEW_LIST:
        return e.attr(0).equals("explicit") ? "new ArrayList<Integer>()" : "new ArrayList<>()";
      case STR:
        {
          StringBuilder b = new StringBuilder("\"" + e.attr(0) + "\"");
          for (Node part : e.kids()) {
            b.append(" + ").append(expr(part));
          }
          return b.toString();
        }
      case NEW_RES:
        use("Res");
        return "new Res(" + instance() + ", \"" + e.attr(0) + "\", " + e.attr(1) + ")";
      case HELPER:
        use(e.attr(0));
        return e.attr(0) + "(" + args(e.kids()) + ")";
      case DESCRIBE:
        use("describe");
        return "describe(" + e.attr(0) + ")";
      case LIST_OF:
        return "List.of(" + args(e.kids()) + ")";
      case LIST_COPY:
        return "List.copyOf(" + e.attr(0) + ")";
      default:
        throw new IllegalArgumentException("not an expression: " + e);
    }
  }

  /** A call of the program's method {@code name}, from this method, on {@code receiver}. */
  private String call(String name, String receiver, String depth, List<Node> kids) {
    if (statics.contains(name)) {
      return name + "(" + instance() + ", " + callArgs(depth, kids) + ")";
    }
    String on = switch (receiver) {
      case "this" -> thisDot();
      case "new" -> "new " + className + "(" + self() + "tag).";
      default -> self();
    };
    return on + name + "(" + callArgs(depth, kids) + ")";
  }

  private String callArgs(String depth, List<Node> kids) {
    return kids.isEmpty() ? depth : depth + ", " + args(kids);
  }

  private String switchExpression(Node e) {
    boolean patterns = e.is(Kind.PSWITCH_EXPR);
    String subject = patterns ? top(e.kid(0)) : selector(e.attr(0), e.kid(0));
    StringBuilder b = new StringBuilder("(switch (" + subject + ") {\n");
    String pad = "  ".repeat(indent + 1);
    for (Node c : e.kids().subList(1, e.kids().size())) {
      Node body = c.kid(c.kids().size() - 1);
      b.append(pad).append(patterns ? caseLabel(c) : caseLabels(c.attr(0))).append(" -> ");
      if (body.is(Kind.BLOCK)) {
        b.append("{\n");
        StringBuilder saved = new StringBuilder(out);
        out.setLength(0);
        indent += 2;
        statements(body.kids());
        indent -= 2;
        b.append(out);
        out.setLength(0);
        out.append(saved);
        b.append(pad).append("}\n");
      } else if (body.is(Kind.THROW)) {
        b.append(throwStatement(body)).append('\n');
      } else {
        b.append(top(body)).append(";\n");
      }
    }
    return b.append("  ".repeat(indent)).append("})").toString();
  }
}
