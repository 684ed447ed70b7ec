package dev.asyncj.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.asyncj.EventLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Example {@code await}. */
class AwaitHelloTest {
  @Test
  void awaitRunsHelloAndGivesItsReturnValue() throws Exception {
    String[] result = new String[1];
    try (EventLoop loop = EventLoop.withVirtualClock()) {
      Console console = Console.capture(() -> result[0] = loop.runUntilComplete(AwaitHello.main()));

      assertEquals(List.of("Hello", "结果: World"), console.outLines());
      assertEquals(0.0, loop.time(), "nothing here waits");
    }
    assertEquals("World", result[0]);
  }

  @Test
  void show() throws Exception {
    Console console = Console.capture(() -> AwaitHello.show(new VirtualTime()));

    assertEquals(List.of("Hello", "结果: World"), console.outLines());
    assertEquals("", console.err);
  }
}
