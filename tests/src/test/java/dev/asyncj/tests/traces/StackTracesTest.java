package dev.asyncj.tests.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncj.EventLoop;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real stack traces of an exception thrown inside an @Async method, read frame by frame: they lead
 * to the user's file and line; in debug mode they also name each awaiting @Async method at the line
 * where it awaits, as Python's traceback does.
 */
class StackTracesTest {
  private static final String CHECKOUT = "dev.asyncj.tests.traces.Checkout";

  @Test
  void theFirstFrameIsTheUsersLineInTheStateMachineOfTheMethod() throws Exception {
    EventLoop loop = EventLoop.withVirtualClock();
    ArrayIndexOutOfBoundsException error =
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> loop.runUntilComplete(Checkout.pay()));
    loop.close();

    StackTraceElement first = error.getStackTrace()[0];
    assertEquals(CHECKOUT + "$price", first.getClassName());
    assertEquals("resume", first.getMethodName());
    assertEquals("Checkout.java", first.getFileName());
    assertEquals(lineOf("// throws here"), first.getLineNumber());
  }

  @Test
  void inDebugModeTheTraceNamesEachAwaitingMethodAtItsAwait() throws Exception {
    EventLoop loop = EventLoop.withVirtualClock();
    loop.setDebug(true);
    ArrayIndexOutOfBoundsException error =
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> loop.runUntilComplete(Checkout.pay()));
    loop.close();

    List<String> userFrames = new ArrayList<>();
    for (StackTraceElement frame : error.getStackTrace()) {
      if (frame.getClassName().startsWith("dev.asyncj.") && !frame.getClassName().startsWith(CHECKOUT)) {
        break; // the runtime's own frames follow
      }
      userFrames.add(frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":" + frame.getLineNumber() + ")");
    }
    assertEquals(
        List.of(
            CHECKOUT + ".price(Checkout.java:" + lineOf("// throws here") + ")",
            CHECKOUT + ".total(Checkout.java:" + lineOf("// awaits price again") + ")",
            CHECKOUT + ".pay(Checkout.java:" + lineOf("// awaits total") + ")"),
        userFrames,
        Arrays.toString(error.getStackTrace()));
  }

  /**
   * The README's traces are this program's: as Java prints them, with the frames of asyncj's own
   * code (the loop running the task, which change with the runtime) left out as {@code ...}; {@code
   * -Dasyncj.goldens=update} rewrites them, and the README's copy of the program.
   */
  @Test
  void theReadmeShowsTheTracesThisProgramPrints() throws Exception {
    assertReadmeBlock(
        "<!-- the file tests/src/test/java/dev/asyncj/tests/traces/Checkout.java -->",
        "```java",
        Files.readString(PROGRAM, StandardCharsets.UTF_8));
    for (boolean debug : new boolean[] {false, true}) {
      EventLoop loop = EventLoop.withVirtualClock();
      loop.setDebug(debug);
      ArrayIndexOutOfBoundsException error =
          assertThrows(
              ArrayIndexOutOfBoundsException.class, () -> loop.runUntilComplete(Checkout.pay()));
      loop.close();
      StringBuilder trace = new StringBuilder(error.toString()).append('\n');
      for (StackTraceElement frame : error.getStackTrace()) {
        if (isRuntimeFrame(frame)) {
          trace.append("\t...\n"); // asyncj's loop, running the task
          break;
        }
        trace.append("\tat ").append(frame).append('\n');
      }
      assertReadmeBlock(
          "<!-- the trace of Checkout.pay()" + (debug ? " in debug mode" : "") + " -->",
          "```",
          trace.toString());
    }
  }

  /** A frame of asyncj's runtime (package dev.asyncj itself), not of code that uses it. */
  private static boolean isRuntimeFrame(StackTraceElement frame) {
    String name = frame.getClassName();
    return name.startsWith("dev.asyncj.") && name.lastIndexOf('.') == "dev.asyncj".length();
  }

  private static final Path README = Paths.get("../README.md");
  private static final Path PROGRAM =
      Paths.get("src/test/java/dev/asyncj/tests/traces/Checkout.java");

  /**
   * Asserts that the README block opened by {@code fence} on the line after {@code marker}, up to
   * the next line {@code ```}, reads {@code expected}; first rewrites it with {@code
   * -Dasyncj.goldens=update}.
   */
  private static void assertReadmeBlock(String marker, String fence, String expected)
      throws Exception {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String opening = marker + "\n" + fence + "\n";
    int start = readme.indexOf(opening);
    assertTrue(start >= 0, "README.md has no block after " + marker);
    int from = start + opening.length();
    int to = readme.indexOf("\n```\n", from - 1) + 1;
    if ("update".equals(System.getProperty("asyncj.goldens"))) {
      readme = readme.substring(0, from) + expected + readme.substring(to);
      Files.writeString(README, readme, StandardCharsets.UTF_8);
      to = from + expected.length();
    }
    assertEquals(
        expected,
        readme.substring(from, to),
        "README.md's block after " + marker + " is out of date; to rewrite it, run mvn -B -q verify"
            + " -pl tests -am -Dtest=StackTracesTest -Dsurefire.failIfNoSpecifiedTests=false"
            + " -Dasyncj.goldens=update and review the diff");
  }

  private static int lineOf(String marker) throws Exception {
    List<String> lines =
        Files.readAllLines(Paths.get("src/test/java/dev/asyncj/tests/traces/Checkout.java"), StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(marker)) {
        return i + 1;
      }
    }
    throw new AssertionError(marker);
  }
}
