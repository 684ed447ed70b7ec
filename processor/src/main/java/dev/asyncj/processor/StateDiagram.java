package dev.asyncj.processor;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A Mermaid state diagram of one generated state machine: its states, the awaits where it may
 * suspend, its loops and jumps, and where exceptions go in its try statements. Written next to the
 * generated source when the processor runs with {@code -Aasyncj.diagrams=true}; GitHub renders it.
 */
final class StateDiagram {
  private StateDiagram() {}

  static String mermaid(AsyncMethod method, StateBuilder states) {
    StringBuilder diagram = new StringBuilder();
    diagram.append("%% The states of ").append(method.displayName()).append(" in ")
        .append(method.source().fileName()).append(", as asyncj generates them in ")
        .append(method.stateMachineName()).append(".java\n");
    diagram.append("stateDiagram-v2\n");
    diagram.append("    [*] --> s0\n");
    for (StateBuilder.State state : states.states()) {
      diagram.append("    s").append(state.label.number()).append(" : ")
          .append(state.label.number()).append(". ").append(text(state.comment)).append('\n');
    }
    Set<String> edges = new LinkedHashSet<>();
    for (StateBuilder.Transition transition : states.transitions()) {
      String target = transition.to() == null ? "[*]" : "s" + transition.to().number();
      String label;
      switch (transition.move()) {
        case AWAIT:
          label = transition.why() + " (may suspend)";
          break;
        case THROW:
          label = "throws " + transition.why();
          break;
        default:
          label = transition.why() == null ? "" : transition.why();
      }
      String edge = "    s" + transition.from().label.number() + " --> " + target
          + (label.isEmpty() ? "" : " : " + text(label));
      edges.add(edge);
    }
    edges.forEach(edge -> diagram.append(edge).append('\n'));
    return diagram.toString();
  }

  /** Text Mermaid reads as plain text in a label, with its entity codes for special characters. */
  private static String text(String text) {
    String plain = text.replaceAll("\\s*\\{?\\s*…$", "").strip(); // "catch (E e) { …" ends early
    StringBuilder escaped = new StringBuilder();
    for (char c : plain.toCharArray()) {
      switch (c) {
        case '<':
          escaped.append("#lt;");
          break;
        case '>':
          escaped.append("#gt;");
          break;
        case '{':
          escaped.append("#123;");
          break;
        case '}':
          escaped.append("#125;");
          break;
        case ';':
          escaped.append("#59;");
          break;
        case '"':
          escaped.append("#quot;");
          break;
        case '#':
          escaped.append("#35;");
          break;
        default:
          escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
