package dev.asyncj.tests.debugging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A breakpoint on a line of an @Async method stops there, in a real debugger (jdb): the class-file
 * step gives the state machine the user's file and lines, and a local kept across awaits (a field
 * of the state machine) is printed under its own name.
 */
class DebuggerTest {
  @Test
  void aBreakpointOnALineOfAnAsyncMethodStopsThereAndShowsItsLocals() throws Exception {
    int line = lineOf("Countdown.java", "// breakpoint here");
    try (Jdb jdb = Jdb.launch(Countdown.class)) {
      jdb.expect("Initializing jdb");
      jdb.send("stop at " + Countdown.class.getName() + "$count:" + line, "breakpoint");
      String hit = jdb.send("run", "Breakpoint hit");
      hit += jdb.expect("line=" + line);
      assertTrue(hit.contains("Countdown$count.resume()"), hit);

      String where = jdb.send("where", "Countdown.java:" + line + ")");
      assertTrue(where.contains("Countdown$count.resume (Countdown.java:" + line + ")"), where);

      assertTrue(jdb.send("print left", " left = 3").contains("left = 3"));
      jdb.send("print steps", " steps = 0");
      jdb.send("cont", "Breakpoint hit");
      jdb.expect("line=" + line);
      jdb.send("print left", " left = 2");
      jdb.send("print steps", " steps = 1");
      jdb.send("clear " + Countdown.class.getName() + "$count:" + line, "Removed");
      jdb.send("cont", "steps: 3");
    }
  }

  /**
   * jdb looks for the line in the class it is given only: the user's class has no code there (its
   * method now just returns the state machine), so jdb needs the state machine's name, {@code
   * Countdown$count}, as the README says. (IDEs look in nested classes too: IdeBreakpointTest.)
   */
  @Test
  void jdbNeedsTheStateMachinesClassName() throws Exception {
    int line = lineOf("Countdown.java", "// breakpoint here");
    try (Jdb jdb = Jdb.launch(Countdown.class)) {
      jdb.expect("Initializing jdb");
      jdb.send("stop at " + Countdown.class.getName() + ":" + line, "breakpoint");
      jdb.send("run", "No code at line " + line + " in " + Countdown.class.getName());
    }
  }

  /**
   * "next" from the breakpoint goes from line to line of the method, round its loop, as it reads:
   * the jump back to the loop's condition does not stop on the method's own line (where the state
   * machine's dispatch is), and the await that suspends hands control back to the loop.
   */
  @Test
  void steppingOverGoesRoundTheLoopFromLineToLine() throws Exception {
    int line = lineOf("Countdown.java", "// breakpoint here");
    try (Jdb jdb = Jdb.launch(Countdown.class)) {
      jdb.expect("Initializing jdb");
      jdb.send("stop at " + Countdown.class.getName() + "$count:" + line, "breakpoint");
      jdb.send("run", "Breakpoint hit");
      jdb.expect("line=" + line);
      jdb.send("clear " + Countdown.class.getName() + "$count:" + line, "Removed");

      List<String> steps = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        jdb.send("next", "Step completed: ");
        String where = jdb.expect(" bci=");
        Matcher at = Pattern.compile("\"thread=main\", (\\S+)\\(\\), line=(\\d+)").matcher(where);
        assertTrue(at.find(), where);
        steps.add(at.group(1).startsWith(Countdown.class.getName() + "$count.")
            ? "Countdown.java:" + at.group(2)
            : "left the method for " + at.group(1));
      }
      assertEquals(
          List.of(
              "Countdown.java:" + lineOf("Countdown.java", "left--;"),
              "Countdown.java:" + lineOf("Countdown.java", "while (left > 0)"),
              "Countdown.java:" + lineOf("Countdown.java", "Await.of(sleep(0));")),
          steps.subList(0, 3));
      assertTrue(steps.get(3).startsWith("left the method for dev.asyncj."), steps.toString());
      jdb.send("cont", "steps: 3");
    }
  }

  private static int lineOf(String file, String marker) throws Exception {
    List<String> lines =
        Files.readAllLines(
            Paths.get("src/test/java/dev/asyncj/tests/debugging", file), StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(marker)) {
        return i + 1;
      }
    }
    throw new AssertionError(marker + " not found in " + file);
  }
}
