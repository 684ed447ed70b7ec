package dev.asyncj.tests.debugging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
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
