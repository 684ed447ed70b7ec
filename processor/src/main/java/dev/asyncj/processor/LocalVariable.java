package dev.asyncj.processor;

import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import javax.lang.model.type.TypeMirror;

/**
 * A parameter or local variable of an {@code @Async} method (lambda parameters and the locals of
 * nested classes included), with what the transformation decides for it: whether it becomes a field
 * of the state machine, and under which name.
 */
final class LocalVariable {
  enum Kind {
    /** A parameter of the {@code @Async} method: always a field. */
    PARAMETER,
    /** A local of the method body itself (block, for, catch, resource, pattern). */
    LOCAL,
    /** A parameter or local of a lambda or nested class inside the body: never a field. */
    NESTED
  }

  private final String name;
  private final Kind kind;
  private final TreePath declaration;
  private boolean hoisted;
  private String generatedName;
  private TypeMirror type;

  LocalVariable(String name, Kind kind, TreePath declaration) {
    this.name = name;
    this.kind = kind;
    this.declaration = declaration;
    this.generatedName = name;
  }

  /** The name the user gave it. */
  String name() {
    return name;
  }

  Kind kind() {
    return kind;
  }

  /** The declaration's path; for a parameter, the path of its {@code VariableTree}. */
  TreePath declaration() {
    return declaration;
  }

  Tree declarationTree() {
    return declaration.getLeaf();
  }

  /** Whether it lives across an await and is therefore a field of the state machine. */
  boolean hoisted() {
    return hoisted;
  }

  void hoist() {
    this.hoisted = true;
  }

  /** Its name in the generated code: the user's, unless it collides with another. */
  String generatedName() {
    return generatedName;
  }

  void rename(String newName) {
    this.generatedName = newName;
  }

  /** The attributed type of a hoisted variable. */
  TypeMirror type() {
    return type;
  }

  void setType(TypeMirror type) {
    this.type = type;
  }

  @Override
  public String toString() {
    return name + (hoisted ? " (field " + generatedName + ")" : "");
  }
}
