package dev.asyncj.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Example {@code sync}, with a sleeper that counts instead of blocking. */
class SyncDownloadTest {
  final VirtualTime time = new VirtualTime();

  @Test
  void downloadsThenCountsOneThingAtATime() throws Exception {
    Console console = Console.capture(() -> new SyncDownload(time, time::time).main());

    assertEquals(
        List.of("开始下载...", "下载完成!", "1", "2", "3", "4", "5", "总耗时: 10.00 秒"),
        console.outLines());
    assertEquals("", console.err);
  }

  @Test
  void sleepsFiveSecondsThenOneAfterEachNumber_tenInAll() throws Exception {
    double[] elapsed = new double[1];
    Console.capture(() -> elapsed[0] = new SyncDownload(time, time::time).main());

    assertEquals(List.of(5.0, 1.0, 1.0, 1.0, 1.0, 1.0), time.sleeps);
    assertEquals(10.0, time.totalSleep());
    assertEquals(10.0, elapsed[0]);
  }
}
