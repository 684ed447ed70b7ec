package dev.asyncj.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Example {@code run}. */
class RunMainTest {
  @Test
  void runsMainOnceWithoutDebugThenOnceWithIt() throws Exception {
    VirtualTime time = new VirtualTime();
    Console console = Console.capture(() -> RunMain.show(time));

    assertEquals(List.of("Hello", "debug: False", "Hello", "debug: True"), console.outLines());
    assertEquals(List.of(0.0, 0.0), time.runTimes);
    assertEquals("", console.err, "main() leaves no coroutine unawaited");
  }
}
