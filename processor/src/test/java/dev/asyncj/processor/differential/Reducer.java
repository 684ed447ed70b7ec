package dev.asyncj.processor.differential;

import dev.asyncj.processor.differential.Node.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Shrinks a failing program while it keeps failing the same way: a delta reduction on the tree.
 * Each step replaces one node by something simpler (a statement removed, a loop or try replaced by
 * its body, an expression by one of its operands or by 0, a method removed, gather mode turned
 * into a single task); a candidate is kept when it still compiles as sync Java and still fails
 * with the same status (and, for compile errors, the same message). javac decides what is valid,
 * so the candidates can be naive. Candidates are tried in batches, one javac run per batch.
 */
final class Reducer {
  private Reducer() {}

  private static final int BATCH = 16;
  private static final int MAX_TRIES = 4000;

  private static int counter;

  static Harness.Outcome minimize(Harness.Outcome failure) {
    Node current = failure.program();
    Harness.Outcome best = failure;
    String signature = signature(failure);
    int pos = 0;
    int tries = 0;
    boolean progressThisPass = false;
    while (tries < MAX_TRIES) {
      List<Node> candidates = candidates(current);
      if (pos >= candidates.size()) {
        if (!progressThisPass) {
          break;
        }
        pos = 0;
        progressThisPass = false;
        continue;
      }
      List<Node> chunk = new ArrayList<>();
      for (int i = pos; i < Math.min(pos + BATCH, candidates.size()); i++) {
        chunk.add(candidates.get(i).withAttr(0, "C" + (++counter)));
      }
      tries += chunk.size();
      List<Harness.Outcome> outcomes = Harness.run(chunk, true);
      int found = -1;
      for (int i = 0; i < outcomes.size(); i++) {
        if (signature(outcomes.get(i)).equals(signature)) {
          found = i;
          break;
        }
      }
      if (found < 0) {
        pos += chunk.size();
      } else {
        best = outcomes.get(found);
        current = best.program();
        pos += found;
        progressThisPass = true;
      }
    }
    Node named = best.program().withAttr(0, "Min");
    List<Harness.Outcome> last = Harness.run(List.of(named), true);
    return last.get(0);
  }

  /** What must stay the same: the status, and a compile error's message without names and numbers. */
  static String signature(Harness.Outcome o) {
    if (o.status() == Harness.Status.COMPILE_ERROR || o.status() == Harness.Status.INVALID) {
      String detail = o.detail();
      int colon = detail.indexOf(": ", detail.indexOf(".java:") + 1);
      String message = colon < 0 ? detail : detail.substring(colon + 2);
      int nl = message.indexOf('\n');
      message = nl < 0 ? message : message.substring(0, nl);
      return o.status() + " " + message.replaceAll("\\b[A-Z]\\d+\\b", "P").replaceAll("\\d+", "#");
    }
    return o.status().toString();
  }

  // ------------------------------------------------------------------ candidates

  /** Every one-step simplification of {@code program}, biggest (nearest the root) first. */
  static List<Node> candidates(Node program) {
    List<Node> out = new ArrayList<>();
    if (program.attr(1).equals("gather")) {
      out.add(program.withAttr(1, "single"));
    }
    for (int i = program.kids().size() - 1; i >= 1; i--) {
      out.add(program.withoutKid(i));
    }
    collect(program, new ArrayList<>(), program, out);
    return out;
  }

  private static void collect(Node root, List<Integer> path, Node node, List<Node> out) {
    for (Node replacement : shrinks(node)) {
      out.add(replace(root, path, 0, replacement));
    }
    for (int i = 0; i < node.kids().size(); i++) {
      path.add(i);
      collect(root, path, node.kid(i), out);
      path.remove(path.size() - 1);
    }
  }

  private static Node replace(Node at, List<Integer> path, int depth, Node replacement) {
    if (depth == path.size()) {
      return replacement;
    }
    int i = path.get(depth);
    return at.withKid(i, replace(at.kid(i), path, depth + 1, replacement));
  }

  private static Node nest(Node block) {
    return Node.stmt(Kind.NEST, block);
  }

  /** The simpler versions of one node. */
  private static List<Node> shrinks(Node n) {
    List<Node> out = new ArrayList<>();
    switch (n.kind()) {
      case BLOCK, RESOURCES, CATCHES, LOG, GROUP -> {
        int size = n.kids().size();
        if (size >= 4) {
          out.add(n.withKids(n.kids().subList(size / 2, size)));
          out.add(n.withKids(n.kids().subList(0, size / 2)));
        }
        for (int i = 0; i < size; i++) {
          out.add(n.withoutKid(i));
          if (n.is(Kind.BLOCK) && n.kid(i).is(Kind.NEST)) {
            List<Node> inlined = new ArrayList<>(n.kids().subList(0, i));
            inlined.addAll(n.kid(i).kid(0).kids());
            inlined.addAll(n.kids().subList(i + 1, size));
            out.add(n.withKids(inlined));
          }
        }
      }
      case SWITCH, SWITCH_EXPR, PSWITCH, PSWITCH_EXPR -> {
        for (int i = 1; i < n.kids().size(); i++) {
          out.add(n.withoutKid(i));
        }
      }
      case PCASE -> {
        if (!n.kid(1).is(Kind.NONE)) {
          out.add(n.withKid(1, Node.stmt(Kind.NONE))); // without its guard
        }
        for (int i = 2; n.kids().size() > 3 && i < n.kids().size(); i++) {
          out.add(n.withoutKid(i)); // a statement of an old-style group, while one is left
        }
      }
      case IF -> {
        out.add(nest(n.kid(1)));
        if (n.kids().size() == 3) {
          out.add(nest(n.kid(2)));
          out.add(n.withoutKid(2));
        }
      }
      case FOR -> {
        out.add(nest(n.kid(2)));
        addIfNotLiteral(out, n, 0);
      }
      case WHILE, DO -> {
        out.add(nest(n.kid(1)));
        addIfNotLiteral(out, n, 0);
      }
      case FOREACH -> out.add(nest(n.kid(1)));
      case TRY -> {
        out.add(nest(n.kid(1)));
        if (!n.kid(3).is(Kind.NONE)) {
          out.add(n.withKid(3, Node.stmt(Kind.NONE)));
        }
      }
      default -> {}
    }
    if (n.type() != null) {
      expressionShrinks(n, out);
    }
    return out;
  }

  private static void addIfNotLiteral(List<Node> out, Node n, int kid) {
    if (!n.kid(kid).is(Kind.LIT)) {
      out.add(n.withKid(kid, Node.lit(1)));
    }
  }

  /** What Await.of waits for: replaced only together with its await. */
  private static boolean awaitable(Node n) {
    return n.is(Kind.LEAF) || n.is(Kind.CALL) || n.is(Kind.TASK);
  }

  private static void expressionShrinks(Node n, List<Node> out) {
    if (awaitable(n)) {
      return;
    }
    if (n.type().equals("int") && !n.is(Kind.LIT)) {
      out.add(Node.lit(0));
    }
    if (n.type().equals("bool") && !(n.is(Kind.BIN) && n.kid(0).is(Kind.LIT) && n.kid(1).is(Kind.LIT))) {
      out.add(Node.expr(Kind.BIN, "bool", List.of("<"), Node.lit(0), Node.lit(1)));
    }
    // an operand in place of the whole (of the same type)
    for (Node k : n.kids()) {
      if (n.type().equals(k.type()) && !awaitable(k)) {
        out.add(k);
      }
    }
    if (n.is(Kind.AWAIT) && n.kid(0).is(Kind.LEAF)) {
      for (Node arg : n.kid(0).kids()) {
        if (n.type().equals(arg.type())) {
          out.add(arg);
        }
      }
    }
    if (n.is(Kind.SWITCH_EXPR) || n.is(Kind.PSWITCH_EXPR)) {
      for (Node c : n.kids().subList(1, n.kids().size())) {
        Node arm = c.kid(c.kids().size() - 1);
        if (arm.type() != null) {
          out.add(arm);
        }
      }
    }
  }
}
