package dev.asyncj.processor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What protects a stretch of states: the {@code catch} clauses and the {@code finally} of a {@code
 * try} statement that was cut into states, inside those of the statements around it. An exception
 * thrown in a state is routed by the {@code catch} handler of {@code resume()} to the first clause
 * of the innermost protection that matches, or to its {@code finally} (regenerator's try entries,
 * Roslyn's exception-handler lowering).
 *
 * <p>A {@code try} makes two: one for its block (its catches and its finally) and one for its
 * catch blocks (its finally only). Its finally block itself belongs to the protection outside.
 */
final class Protection {
  /** A {@code catch} clause: where it goes, and into which field the exception is put. */
  record Catch(List<String> types, String variable, String variableType, Label label, String source) {}

  /**
   * A {@code finally} cut into states. How the try was left is kept in two fields while it runs:
   * {@code leaveN}, the state to go to afterwards (or {@code RETURNING}, {@code THROWING}), and
   * {@code pendingN}, the value being returned or the exception being thrown.
   */
  static final class Finally {
    private final Label label;
    private final String leaveField;
    private final String pendingField;
    private final Set<Label> exits = new LinkedHashSet<>();
    private final String source;

    Finally(Label label, String leaveField, String pendingField, String source) {
      this.label = label;
      this.leaveField = leaveField;
      this.pendingField = pendingField;
      this.source = source;
    }

    Label label() {
      return label;
    }

    /** The {@code int} field saying where to go once the finally has run. */
    String leaveField() {
      return leaveField;
    }

    /** The field holding the value being returned or the exception being thrown meanwhile. */
    String pendingField() {
      return pendingField;
    }

    /** Where the finally is, for comments: {@code finally of Download.java:12}. */
    String source() {
      return source;
    }

    /** Records a state that a jump out of the try will go to once this finally has run. */
    void addExit(Label target) {
      exits.add(target);
    }

    Set<Label> exits() {
      return exits;
    }
  }

  private final Protection parent;
  private final List<Catch> catches;
  private final Finally finallyBlock;

  Protection(Protection parent, List<Catch> catches, Finally finallyBlock) {
    this.parent = parent;
    this.catches = List.copyOf(catches);
    this.finallyBlock = finallyBlock;
  }

  Protection parent() {
    return parent;
  }

  List<Catch> catches() {
    return catches;
  }

  Finally finallyBlock() {
    return finallyBlock;
  }

  /**
   * The finally blocks that must run when control leaves {@code from} for {@code to} (an enclosing
   * protection, or null for the method itself), innermost first.
   */
  static List<Finally> between(Protection from, Protection to) {
    List<Finally> blocks = new ArrayList<>();
    for (Protection p = from; p != null && p != to; p = p.parent) {
      if (p.finallyBlock != null && !blocks.contains(p.finallyBlock)) {
        blocks.add(p.finallyBlock);
      }
    }
    return blocks;
  }
}
