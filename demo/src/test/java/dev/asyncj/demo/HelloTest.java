package dev.asyncj.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncj.EventLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Example {@code hello}: a coroutine object, and debug mode's report of one never awaited. */
class HelloTest {
  static final String COROUTINE_OBJECT = "<coroutine object Hello\\.hello at 0x[0-9a-f]+>";
  static final String NEVER_AWAITED = "RuntimeWarning: coroutine 'Hello.hello' was never awaited";

  @Test
  void callingHelloMakesACoroutineObjectAndRunsNothing() throws Exception {
    String[] text = new String[1];
    Console console = Console.capture(() -> text[0] = Hello.hello().toString());

    assertTrue(text[0].matches(COROUTINE_OBJECT), text[0]);
    assertEquals("", console.out);
  }

  @Test
  void awaitingHelloPrintsHelloAndGivesWorld() throws Exception {
    String[] result = new String[1];
    try (EventLoop loop = EventLoop.withVirtualClock()) {
      Console console = Console.capture(() -> result[0] = loop.runUntilComplete(Hello.hello()));

      assertEquals(List.of("Hello"), console.outLines());
    }
    assertEquals("World", result[0]);
  }

  @Test
  void debugModeReportsTheCoroutineNeverAwaited_whenTheLoopCloses() throws Exception {
    Console console = Console.capture(() -> new VirtualTime().run(Hello.main(), true));

    assertEquals("", console.out, "hello()'s body never runs");
    assertNeverAwaitedReport(console.errLines());
  }

  @Test
  void withoutDebugModeNothingIsReported() throws Exception {
    Console console = Console.capture(() -> new VirtualTime().run(Hello.main(), false));

    assertEquals("", console.out);
    assertEquals("", console.err);
  }

  @Test
  void showPrintsTheCoroutineObjectNeverHello_andTheReportOnStandardError() throws Exception {
    Console console = Console.capture(() -> Hello.show(new VirtualTime()));

    List<String> lines = console.outLines();
    assertTrue(lines.get(0).matches(COROUTINE_OBJECT), lines.get(0));
    assertFalse(lines.contains("Hello"), console.out);
    assertTrue(lines.get(lines.size() - 1).startsWith("Above, on standard error"), console.out);
    assertNeverAwaitedReport(console.errLines());
  }

  /** The report names where the forgotten coroutine was made, as Python's does. */
  @Test
  void theReportSaysWhereTheCoroutineWasMade() throws Exception {
    Console console = Console.capture(() -> new VirtualTime().run(Hello.main(), true));

    assertTrue(console.err.contains("at dev.asyncj.demo.Hello.main("), console.err);
    // hello()'s own frame is not where it was made: calling it ran none of its body
    assertFalse(console.err.contains("at dev.asyncj.demo.Hello.hello("), console.err);
  }

  /**
   * The report starts with Python's warning, then "where it was created". Other lines may come
   * before it (debug mode also reports steps slower than 100 ms, which a slow machine may see).
   */
  static void assertNeverAwaitedReport(List<String> err) {
    int at = err.indexOf(NEVER_AWAITED);
    assertTrue(at >= 0, String.join("\n", err));
    assertEquals("Coroutine created at (most recent call last):", err.get(at + 1));
    assertEquals(1, err.stream().filter(line -> line.startsWith("RuntimeWarning")).count());
  }
}
