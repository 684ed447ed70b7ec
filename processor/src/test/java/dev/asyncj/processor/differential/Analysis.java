package dev.asyncj.processor.differential;

import dev.asyncj.processor.differential.Node.Kind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The few of javac's rules the generator must follow to write programs that compile: which
 * statements can complete normally (JLS 14.22: nothing may follow one that cannot, and a method
 * ends with a return only if its body can fall off the end), and which checked exceptions a
 * statement can throw (JLS 11.2: a catch of {@code Checked} needs a try block that can throw it).
 */
final class Analysis {
  private Analysis() {}

  static boolean canComplete(Node s) {
    switch (s.kind()) {
      case BLOCK:
        for (Node k : s.kids()) {
          if (!canComplete(k)) {
            return false;
          }
        }
        return true;
      case NEST:
        return canComplete(s.kid(0)) || (!s.attr(0).isEmpty() && hasBreak(s.kid(0), s.attr(0), false));
      case SYNC:
        return canComplete(s.kid(0));
      case IF:
        return s.kids().size() < 3 || canComplete(s.kid(1)) || canComplete(s.kid(2));
      case DO:
        return canComplete(s.kid(1))
            || hasContinue(s.kid(1), s.attr(1), true)
            || hasBreak(s.kid(1), s.attr(1), true)
            // javac (17 and 25) takes a do whose condition holds a switch expression to complete
            // even when its body cannot: "missing return statement" without a return after it
            || holdsSwitchExpression(s.kid(0));
      case SWITCH:
        return switchCanComplete(s);
      case PSWITCH:
        return patternSwitchCanComplete(s);
      case TRY:
        {
          boolean any = canComplete(s.kid(1));
          for (Node c : s.kid(2).kids()) {
            any |= canComplete(c.kid(0));
          }
          return any && (s.kid(3).is(Kind.NONE) || canComplete(s.kid(3)));
        }
      case RETURN:
      case RETURN_CALL:
      case THROW:
      case RETHROW:
      case BREAK:
      case CONTINUE:
      case YIELD:
        return false;
      default:
        return true; // loops with non-constant conditions, declarations, expression statements
    }
  }

  private static boolean switchCanComplete(Node s) {
    boolean hasDefault = false;
    boolean arrowCompletes = false;
    for (Node g : s.kids().subList(1, s.kids().size())) {
      hasDefault |= g.attr(0).equals("default");
      if (s.attr(0).equals("arrow")) {
        Node body = g.kid(0);
        arrowCompletes |= body.is(Kind.BLOCK) ? canComplete(body) : !body.is(Kind.THROW);
      }
    }
    if (!hasDefault) {
      return true;
    }
    for (Node g : s.kids().subList(1, s.kids().size())) {
      if (hasBreak(g, "", true)) {
        return true;
      }
    }
    if (s.attr(0).equals("arrow")) {
      return arrowCompletes;
    }
    Node last = s.kids().get(s.kids().size() - 1);
    return canComplete(Node.block(last.kids()));
  }

  /**
   * A switch over patterns is exhaustive, as if it had a default (JLS 14.11.1.1): it completes
   * through a break, or through an arm, or the last group, that completes.
   */
  private static boolean patternSwitchCanComplete(Node s) {
    List<Node> cases = s.kids().subList(1, s.kids().size());
    for (Node c : cases) {
      if (hasBreak(c, "", true)) {
        return true;
      }
    }
    if (s.attr(0).equals("arrow")) {
      for (Node c : cases) {
        Node body = c.kid(2);
        if (body.is(Kind.BLOCK) ? canComplete(body) : !body.is(Kind.THROW)) {
          return true;
        }
      }
      return false;
    }
    Node last = cases.get(cases.size() - 1);
    return canComplete(Node.block(last.kids().subList(2, last.kids().size())));
  }

  private static boolean holdsSwitchExpression(Node n) {
    if (n.is(Kind.SWITCH_EXPR) || n.is(Kind.PSWITCH_EXPR)) {
      return true;
    }
    for (Node k : n.kids()) {
      if (holdsSwitchExpression(k)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isLoop(Node n) {
    return n.is(Kind.FOR) || n.is(Kind.WHILE) || n.is(Kind.DO) || n.is(Kind.FOREACH);
  }

  /**
   * Whether {@code n} holds a reachable break that leaves the statement labelled {@code label}
   * ({@code ""}: none), or, with {@code unlabelled}, the innermost breakable statement around n.
   */
  static boolean hasBreak(Node n, String label, boolean unlabelled) {
    if (n.is(Kind.BREAK)) {
      return n.attr(0).isEmpty() ? unlabelled : n.attr(0).equals(label);
    }
    if (n.is(Kind.SWITCH_EXPR) || n.is(Kind.SUPPLIER) || n.type() != null) {
      return false; // no break leaves an expression
    }
    boolean inner = unlabelled && !(isLoop(n) || n.is(Kind.SWITCH) || n.is(Kind.PSWITCH));
    if (n.is(Kind.TRY) && !n.kid(3).is(Kind.NONE) && !canComplete(n.kid(3))) {
      return hasBreak(n.kid(3), label, inner);
    }
    for (Node k : n.kids()) {
      if (hasBreak(k, label, inner)) {
        return true;
      }
    }
    return false;
  }

  /** As {@link #hasBreak} for continue: only loops (not switches) capture an unlabelled one. */
  static boolean hasContinue(Node n, String label, boolean unlabelled) {
    if (n.is(Kind.CONTINUE)) {
      return n.attr(0).isEmpty() ? unlabelled : n.attr(0).equals(label);
    }
    if (n.is(Kind.SWITCH_EXPR) || n.is(Kind.SUPPLIER) || n.type() != null) {
      return false;
    }
    boolean inner = unlabelled && !isLoop(n);
    if (n.is(Kind.TRY) && !n.kid(3).is(Kind.NONE) && !canComplete(n.kid(3))) {
      return hasContinue(n.kid(3), label, inner);
    }
    for (Node k : n.kids()) {
      if (hasContinue(k, label, inner)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The checked exception types {@code n} can throw: "Exception" (every generated method declares
   * {@code throws Exception}) and "Checked" (the program's own checked exception).
   */
  static Set<String> checkedThrown(Node n) {
    Set<String> thrown = new HashSet<>();
    switch (n.kind()) {
      case CALL, REC, RETURN_CALL -> thrown.add("Exception");
      case LEAF -> {
        if (n.attr(0).equals("failC")) {
          thrown.add("Checked");
        }
      }
      case THROW -> {
        if (n.attr(0).equals("Checked")) {
          thrown.add("Checked");
        }
      }
      case SUPPLIER -> {
        return thrown; // lambda bodies throw nothing checked
      }
      case TRY -> {
        Set<String> body = checkedThrown(n.kid(0));
        body.addAll(checkedThrown(n.kid(1)));
        for (Node c : n.kid(2).kids()) {
          String types = c.attr(0);
          if (types.equals("Exception")) {
            body.clear();
          }
          for (String t : types.split("\\|")) {
            if (t.equals("Checked")) {
              body.remove("Checked");
            }
          }
        }
        for (Node c : n.kid(2).kids()) {
          body.addAll(checkedThrown(c.kid(0)));
        }
        if (!n.kid(3).is(Kind.NONE)) {
          if (!canComplete(n.kid(3))) {
            body.clear();
          }
          body.addAll(checkedThrown(n.kid(3)));
        }
        return body;
      }
      default -> {}
    }
    for (Node k : n.kids()) {
      thrown.addAll(checkedThrown(k));
    }
    return thrown;
  }
}
