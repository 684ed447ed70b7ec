package dev.asyncj.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What {@link System#out} and {@link System#err} received while a piece of code ran. */
final class Console {
  /** Code to run with the console captured. */
  @FunctionalInterface
  interface Action {
    void run() throws Exception;
  }

  final String out;
  final String err;

  private Console(String out, String err) {
    this.out = out;
    this.err = err;
  }

  /** Runs {@code action} with both streams captured, and restores them even if it throws. */
  static Console capture(Action action) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream savedOut = System.out;
    PrintStream savedErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.out.flush();
      System.err.flush();
      System.setOut(savedOut);
      System.setErr(savedErr);
    }
    return new Console(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  List<String> outLines() {
    return out.lines().toList();
  }

  List<String> errLines() {
    return err.lines().toList();
  }
}
