package dev.asyncj.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.asyncj.EventLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Example {@code none}. */
class NoneResultTest {
  @Test
  void awaitingACoroutineThatReturnsNothingGivesNull() throws Exception {
    Object[] result = {"not set"};
    try (EventLoop loop = EventLoop.withVirtualClock()) {
      Console console =
          Console.capture(() -> result[0] = loop.runUntilComplete(NoneResult.greet()));

      assertEquals(List.of("你好"), console.outLines());
    }
    assertNull(result[0]);
  }

  @Test
  void itIsPrintedAsPythonsNone() throws Exception {
    Console console = Console.capture(() -> NoneResult.show(new VirtualTime()));

    assertEquals(
        List.of("你好", "None", "(Java's null, which Python prints as None)"), console.outLines());
    assertEquals("", console.err);
  }
}
