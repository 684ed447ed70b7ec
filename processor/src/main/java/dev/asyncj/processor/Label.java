package dev.asyncj.processor;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A place in the generated state machine that code can jump to: a {@code case} of the dispatch
 * {@code switch}. Its number is given when it is placed, so states are numbered in source order
 * even when code jumps forward to a label placed later; until then, code mentions the label by a
 * placeholder that {@link #resolve} replaces.
 */
final class Label {
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final Pattern PLACEHOLDER = Pattern.compile("\u0001(\\d+)\u0002");

  private final int id = IDS.incrementAndGet();
  private final String description;
  private int number = -1;
  private boolean referenced;

  Label(String description) {
    this.description = description;
  }

  int id() {
    return id;
  }

  /** What the code at this label does, e.g. "the loop condition", for comments. */
  String description() {
    return description;
  }

  boolean placed() {
    return number >= 0;
  }

  void place(int number) {
    if (placed()) {
      throw new IllegalStateException("label placed twice: " + description);
    }
    this.number = number;
  }

  int number() {
    if (!placed()) {
      throw new IllegalStateException("label never placed: " + description);
    }
    return number;
  }

  /** Whether some code jumps here; a label no one reaches need not be placed. */
  boolean referenced() {
    return referenced;
  }

  void reference() {
    referenced = true;
  }

  /** Stands for the state number in code text until the label is placed. */
  @Override
  public String toString() {
    return "\u0001" + id + "\u0002";
  }

  /** Replaces label placeholders in {@code text} with the numbers of the labels in {@code byId}. */
  static String resolve(String text, Map<Integer, Label> byId) {
    if (text.indexOf('\u0001') < 0) {
      return text;
    }
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder resolved = new StringBuilder();
    while (matcher.find()) {
      Label label = byId.get(Integer.parseInt(matcher.group(1)));
      matcher.appendReplacement(resolved, String.valueOf(label.number()));
    }
    matcher.appendTail(resolved);
    return resolved.toString();
  }
}
