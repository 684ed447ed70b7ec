package dev.asyncj.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.asyncj.EventLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Example {@code gather}, on the virtual clock. */
class GatherTest {
  static final List<String> STARTS = List.of("任务A 开始", "任务B 开始", "任务C 开始");

  @Test
  void resultsComeInArgumentOrder_afterTheLongestWait() throws Exception {
    List<List<String>> result = new ArrayList<>();
    try (EventLoop loop = EventLoop.withVirtualClock()) {
      Console console = Console.capture(() -> result.add(loop.runUntilComplete(Gather.main())));

      assertEquals(
          List.of(
              "任务A 开始", "任务B 开始", "任务C 开始",
              "任务B 完成", "任务C 完成", "任务A 完成", // in the order they finish
              "['任务A', '任务B', '任务C']", // in the order they were given
              "总耗时: 3.00 秒"),
          console.outLines());
      assertEquals(3.0, loop.time(), "3 s, not 3 + 1 + 2");
    }
    assertEquals(List.of("任务A", "任务B", "任务C"), result.get(0));
  }

  @Test
  void withoutReturnExceptions_theFailureReachesTheCallerAtOnce() throws Exception {
    try (EventLoop loop = EventLoop.withVirtualClock()) {
      IllegalArgumentException[] thrown = new IllegalArgumentException[1];
      Console console =
          Console.capture(
              () ->
                  thrown[0] =
                      assertThrows(
                          IllegalArgumentException.class,
                          () -> loop.runUntilComplete(Gather.mainFails())));

      assertEquals("任务B 失败", thrown[0].getMessage());
      assertEquals(STARTS, console.outLines(), "nothing finishes before 任务B fails");
      assertEquals(1.0, loop.time(), "when 任务B fails, not when the others end");
    }
  }

  @Test
  void withReturnExceptions_theExceptionTakesTheFailedResultsPlace() throws Exception {
    List<List<Object>> result = new ArrayList<>();
    try (EventLoop loop = EventLoop.withVirtualClock()) {
      Console console =
          Console.capture(() -> result.add(loop.runUntilComplete(Gather.mainReturnExceptions())));

      assertEquals(
          List.of(
              "任务A 开始", "任务B 开始", "任务C 开始", "任务C 完成", "任务A 完成",
              "['任务A', IllegalArgumentException('任务B 失败'), '任务C']"),
          console.outLines());
      assertEquals(3.0, loop.time());
    }
    List<Object> results = result.get(0);
    assertEquals(3, results.size());
    assertEquals("任务A", results.get(0));
    Object failed = results.get(1);
    assertEquals("任务B 失败", assertInstanceOf(IllegalArgumentException.class, failed).getMessage());
    assertEquals("任务C", results.get(2));
  }

  @Test
  void showCatchesTheFailureOutsideTheAsyncCode() throws Exception {
    VirtualTime time = new VirtualTime();
    Console console = Console.capture(() -> Gather.show(time));

    List<String> lines = console.outLines();
    assertEquals("-- one fails: the exception reaches the awaiting caller", lines.get(9));
    assertEquals(STARTS, lines.subList(10, 13));
    assertEquals("捕获到异常: 任务B 失败", lines.get(13));
    assertEquals(
        "['任务A', IllegalArgumentException('任务B 失败'), '任务C']", lines.get(lines.size() - 1));
    assertEquals(List.of(3.0, 1.0, 3.0), time.runTimes);
    assertEquals("", console.err);
  }
}
