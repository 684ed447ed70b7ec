package dev.asyncj.processor.differential;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One node of a generated program: what it is ({@link Kind}), the type of the value it gives when
 * it is an expression ({@code "int"}, {@code "bool"}, ...; {@code null} for statements), its
 * attributes (names, operators, literal values) and its children.
 *
 * <p>One small generic tree rather than a class per construct: {@link Renderer} turns it into
 * either variant of the program (async or sync), {@link ProgramGenerator} builds it, and {@link
 * Reducer} shrinks it by replacing one node at a time. Nodes are immutable.
 */
record Node(Kind kind, String type, List<String> attrs, List<Node> kids) {
  /** Every construct of the generated programs. "(a, b)" lists the children, "[x]" the attributes. */
  enum Kind {
    // ---- int, boolean and other expressions ----
    /** [value]: an int literal. */
    LIT,
    /** [name]: a local, parameter, loop variable or pattern variable. */
    VAR,
    /** [name, "this" or ""]: an instance field of the program, {@code f0} or {@code this.f0}. */
    FIELD,
    /** [label] (e): {@code note("label", e)}: logs "label=v", returns v; shows evaluation order. */
    NOTE,
    /** [op] (a, b): {@code (a op b)}, int or boolean operators. */
    BIN,
    /** (cond, a, b): {@code (cond ? a : b)}. */
    COND,
    /** [name] (args): a plain static helper: {@code sum3(a, b, c)}, {@code cap(e)}, {@code str(e)}. */
    HELPER,
    /** (awaitable): async {@code Await.of(x)}; sync just {@code x}, evaluated directly. */
    AWAIT,
    /** [name] (args): a helper coroutine ({@code now}, {@code tick}, {@code later}, {@code fails}, ...). */
    LEAF,
    /**
     * [method, "this", "new" or "", depth argument or ""] (args): a call of one of the program's
     * @Async methods, on this instance or on a new one ({@code new P(tag).m1(...)}).
     */
    CALL,
    /** [method] (args without d): {@code (d > 0 ? Await.of(m(d - 1, args)) : 0)}: bounded recursion. */
    REC,
    /** (awaitable): {@code createTask(x)}; the sync twin is the identity. */
    TASK,
    /** (a, b): {@code sum(Await.of(gather(a, b)))}; sync {@code sum(List.of(a, b))}. */
    GATHER_SUM,
    /** [op, "pre" or "post"] (target): {@code x++}, {@code --a[i & 3]}. */
    INC,
    /** [op] (target, e): {@code (x += e)} as an expression, {@code x += e;} as a statement. */
    ASSIGN,
    /** [array] (index): {@code a[(index) & 3]} on an int[4]. */
    ARR,
    /** [how] (e): a cast: short, byte, long arithmetic, double arithmetic. */
    CAST,
    /** [local] (e): {@code (int) (local + e)} for a long or double local. */
    CAST_LOCAL,
    /** [local, how]: {@code s.length()}, {@code list.size()}, {@code xs.length}. */
    LEN,
    /** [list] (index): the element of a List<Integer> local at a wrapped index, -1 when empty. */
    LIST_GET,
    /** (e): {@code new Box(e)}, an object creation with an argument. */
    NEW_BOX,
    /** (receiver, e): {@code receiver.plus(e)}, a call on a Box. */
    PLUS,
    /** [selector kind] (selector, CASE...): a switch expression. */
    SWITCH_EXPR,
    /** [labels] (body): one rule of a switch expression: an expression or a block ending in yield. */
    CASE,
    /** [pattern variable] (object, then, else): {@code (o instanceof Integer p ? then : else)}. */
    INSTANCEOF_EXPR,
    /** [pattern variable] (object): the condition {@code (o instanceof Integer p)}. */
    INSTANCEOF,
    /** [supplier]: {@code s.getAsInt()} of a lambda or anonymous class made earlier. */
    SUPPLIER_GET,
    /** (parts...): {@code ("" + a + "," + b).length()}: string concatenation inside an expression. */
    CONCAT_LEN,
    /** (c): {@code !c}. */
    NOT,
    /** (elements...): {@code new int[] {a, b, c, d}}. */
    NEW_ARRAY,
    /** {@code new ArrayList<>()}. */
    NEW_LIST,
    /** [prefix] (parts...): a String expression {@code "prefix" + a + b}. */
    STR,
    /** [catch parameter]: {@code describe(e)}: class, message and suppressed exceptions. */
    DESCRIBE,
    /** (elements...): {@code List.of(a, b)}. */
    LIST_OF,
    /** [list]: {@code List.copyOf(list)}, to iterate over a list that the body may change. */
    LIST_COPY,
    /** [name, mode]: {@code new Res(this, "name", mode)}: mode 0 fine, 1 fails to close. */
    NEW_RES,

    // ---- Java 21 patterns (generated only where the running JDK is 21 or later) ----
    /** [local, accessor]: {@code seg.a()}, {@code pair.first().v()} of a Dot, Seg or Pair local. */
    ACCESS,
    /** (object, pattern): the condition {@code (o instanceof Pair(Dot(var p1), Seg s))}. */
    MATCHES,
    /** (object, pattern, then, else): {@code (o instanceof Seg(int p1, var p2) ? then : else)}. */
    MATCHES_EXPR,
    /** [written type or "var", name]: a binding pattern, {@code Dot d} or {@code var p1}. */
    PAT_BIND,
    /** [record] (component patterns...): a record pattern, {@code Seg(int p1, var p2)}. */
    PAT_REC,
    /** [style "old" or "arrow", subject kind] (subject, PCASE...): a switch statement over patterns. */
    PSWITCH,
    /** [subject kind] (subject, PCASE...): a switch expression over patterns. */
    PSWITCH_EXPR,
    /**
     * ["pattern", "null", "null,default" or "default"] (pattern or NONE, guard or NONE, body...):
     * one case of a PSWITCH or PSWITCH_EXPR; {@code case Dot(var p1) when p1 > 2 -> body}.
     */
    PCASE,

    // ---- statements ----
    /** (statements...): a block. */
    BLOCK,
    /** [label or ""] (block): a nested block statement {@code { ... }}, or {@code label: { ... }}. */
    NEST,
    /** (block): {@code synchronized (this) { ... }}, without awaits inside. */
    SYNC,
    /** [type, name, modifier] (init): a local variable declaration. */
    DECL,
    /** (e): an expression statement. */
    EXPR,
    /** [label] (parts...): {@code log("label " + a + " " + b);}. */
    LOG,
    /** [list] (e): {@code list.add(e);}. */
    LIST_ADD,
    /** (cond, then, else?): if statement; else is absent when there is no third child. */
    IF,
    /** [var, label] (bound, update, body): {@code for (int i = 0; i < bound; update)}. */
    FOR,
    /** [var, label] (bound, body): {@code int w = 0; while (w++ < bound)}. */
    WHILE,
    /** [var, label] (bound, body): {@code int w = 0; do ... while (++w < bound);}. */
    DO,
    /** [type, var, label] (iterable, body): {@code for (type v : iterable)}. */
    FOREACH,
    /** [label or ""]. */
    BREAK,
    /** [label or ""]. */
    CONTINUE,
    /** (value?): async {@code return done(v);} / {@code return done();}, sync {@code return v;}. */
    RETURN,
    /** (CALL): {@code return m2(d, ...);}, handing over another coroutine. */
    RETURN_CALL,
    /** [exception class] (message): {@code throw new X("..." + e);}. */
    THROW,
    /** [catch parameter]: {@code throw e;} of an unchecked catch parameter. */
    RETHROW,
    /** (RESOURCES, body, CATCHES, finally or NONE): try, try-with-resources, catch, finally. */
    TRY,
    /** (RES...). */
    RESOURCES,
    /** [name, "ref" or ""] (init?): {@code Res name = init} or {@code name} (a Java 9 resource). */
    RES,
    /** (CATCH...). */
    CATCHES,
    /** [types joined by '|', name] (block). */
    CATCH,
    /** No finally block. */
    NONE,
    /** [style "old" or "arrow", selector kind] (selector, GROUP...): a switch statement. */
    SWITCH,
    /** [labels] (statements...): a case group; in arrow form, one BLOCK, EXPR or THROW. */
    GROUP,
    /** [seconds]: async {@code Await.of(sleep(s));}; sync {@code sleep(s);}, which does nothing. */
    SLEEP,
    /** [name, "lambda" or "anonymous"] (body): {@code IntSupplier s = () -> body;}. */
    SUPPLIER,
    /** (e): {@code yield e;}. */
    YIELD,

    // ---- declarations ----
    /**
     * [name, return "int" or "void", params "ab", "a", "" or "xs", "static" or ""] (body). A static
     * method takes the instance as its first parameter, {@code self}.
     */
    METHOD,
    /** [class name, "single" or "gather", a of task 1, a of task 2] (METHOD...). */
    PROGRAM,
  }

  Node {
    attrs = List.copyOf(attrs);
    kids = List.copyOf(kids);
  }

  static Node of(Kind kind, String type, List<String> attrs, List<Node> kids) {
    return new Node(kind, type, attrs, kids);
  }

  /** A statement (no type). */
  static Node stmt(Kind kind, List<String> attrs, Node... kids) {
    return new Node(kind, null, attrs, Arrays.asList(kids));
  }

  static Node stmt(Kind kind, Node... kids) {
    return new Node(kind, null, List.of(), Arrays.asList(kids));
  }

  /** An expression of {@code type}. */
  static Node expr(Kind kind, String type, List<String> attrs, Node... kids) {
    return new Node(kind, type, attrs, Arrays.asList(kids));
  }

  static Node expr(Kind kind, String type, Node... kids) {
    return new Node(kind, type, List.of(), Arrays.asList(kids));
  }

  static Node lit(int value) {
    return expr(Kind.LIT, "int", List.of(Integer.toString(value)));
  }

  static Node block(List<Node> statements) {
    return new Node(Kind.BLOCK, null, List.of(), statements);
  }

  String attr(int i) {
    return i < attrs.size() ? attrs.get(i) : "";
  }

  Node kid(int i) {
    return kids.get(i);
  }

  boolean is(Kind k) {
    return kind == k;
  }

  Node withKids(List<Node> newKids) {
    return new Node(kind, type, attrs, newKids);
  }

  Node withKid(int i, Node kid) {
    List<Node> copy = new ArrayList<>(kids);
    copy.set(i, kid);
    return withKids(copy);
  }

  Node withAttr(int i, String value) {
    List<String> copy = new ArrayList<>(attrs);
    copy.set(i, value);
    return new Node(kind, type, copy, kids);
  }

  Node withoutKid(int i) {
    List<Node> copy = new ArrayList<>(kids);
    copy.remove(i);
    return withKids(copy);
  }

  /** How many nodes this tree has. */
  int size() {
    int n = 1;
    for (Node k : kids) {
      n += k.size();
    }
    return n;
  }

  @Override
  public String toString() {
    return kind + (type == null ? "" : ":" + type) + attrs + (kids.isEmpty() ? "" : kids.toString());
  }
}
