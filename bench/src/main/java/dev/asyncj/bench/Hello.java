package dev.asyncj.bench;

/** The start-up reference: a JVM that prints one line and exits. */
public final class Hello {
  private Hello() {}

  public static void main(String[] args) {
    System.out.println("Hello");
  }
}
