package dev.asyncj.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.asyncj.EventLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Example {@code async}, on the virtual clock. */
class AsyncDownloadTest {
  static final List<String> OUTPUT =
      List.of("开始下载...", "1", "2", "3", "4", "5", "下载完成!", "总耗时: 5.00 秒");

  @Test
  void numbersArePrintedWhileTheDownloadWaits_fiveSecondsInAll() throws Exception {
    double[] elapsed = new double[1];
    try (EventLoop loop = EventLoop.withVirtualClock()) {
      Console console =
          Console.capture(() -> elapsed[0] = loop.runUntilComplete(AsyncDownload.amain()));

      assertEquals(OUTPUT, console.outLines());
      assertEquals(5.0, elapsed[0]);
      assertEquals(5.0, loop.time());
    }
  }

  @Test
  void showRunsOnceWithoutDebug() throws Exception {
    VirtualTime time = new VirtualTime();
    Console console = Console.capture(() -> AsyncDownload.show(time));

    assertEquals(OUTPUT, console.outLines());
    assertEquals(List.of(5.0), time.runTimes);
    assertEquals("", console.err);
  }
}
