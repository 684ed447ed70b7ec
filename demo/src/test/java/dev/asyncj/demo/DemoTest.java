package dev.asyncj.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line: the tour, each example by name, usage; on virtual time, so nothing waits. */
class DemoTest {
  final VirtualTime time = new VirtualTime();

  int run(String... args) throws InterruptedException {
    return Demo.run(args, time.timing());
  }

  @Test
  void withoutArgumentsTheTourRunsItsExamplesInOrder_eachAfterItsTitle() throws Exception {
    int[] status = new int[1];
    Console console = Console.capture(() -> status[0] = run());

    assertEquals(0, status[0]);
    List<String> titles =
        console.outLines().stream()
            .filter(line -> line.startsWith("== "))
            .map(line -> line.substring("== ".length(), line.indexOf(':')))
            .toList();
    assertEquals(List.of("hello", "await", "none", "gather", "run", "async"), titles);
    assertTrue(
        console.out.contains("runs only when asked: java -jar demo/target/asyncj-demo.jar sync"),
        console.out);
    assertTrue(console.out.contains("结果: World"), console.out);
    assertTrue(console.out.endsWith("总耗时: 5.00 秒" + System.lineSeparator()), console.out);
    assertTrue(time.sleeps.isEmpty(), "the tour leaves out the blocking example");
    HelloTest.assertNeverAwaitedReport(console.errLines());
  }

  @ParameterizedTest
  @ValueSource(strings = {"sync", "async", "download", "hello", "await", "none", "gather", "run"})
  void eachExampleRunsByName(String name) throws Exception {
    int[] status = new int[1];
    Console console = Console.capture(() -> status[0] = run(name));

    assertEquals(0, status[0]);
    assertFalse(console.out.isEmpty());
    assertFalse(console.out.contains("== "), "no title for a single example");
    assertEquals(name.equals("hello"), !console.err.isEmpty(), console.err);
  }

  @Test
  void theSyncExampleSleepsTenSeconds() throws Exception {
    Console console = Console.capture(() -> run("sync"));

    assertEquals(10.0, time.totalSleep());
    assertEquals("总耗时: 10.00 秒", console.outLines().get(7));
  }

  @Test
  void theAsyncExampleTakesFiveSeconds() throws Exception {
    Console console = Console.capture(() -> run("async"));

    assertEquals(List.of(5.0), time.runTimes);
    assertEquals(AsyncDownloadTest.OUTPUT, console.outLines());
  }

  @Test
  void theReadmesDownloadPrintsTheTutorialsOutputInFiveSeconds() throws Exception {
    Console console = Console.capture(() -> run("download"));

    assertEquals(List.of(5.0), time.runTimes);
    assertEquals(List.of("开始下载...", "1", "2", "3", "4", "5", "下载完成!"), console.outLines());
  }

  @Test
  void anUnknownExamplePrintsUsageAndExitsWithStatus2() throws Exception {
    int[] status = new int[1];
    Console console = Console.capture(() -> status[0] = run("nope"));

    assertEquals(2, status[0]);
    assertEquals("", console.out);
    List<String> err = console.errLines();
    assertEquals("unknown example: nope", err.get(0));
    assertEquals("usage: java -jar demo/target/asyncj-demo.jar [example]", err.get(1));
    for (String name :
        List.of("sync", "async", "download", "hello", "await", "none", "gather", "run")) {
      assertTrue(err.stream().anyMatch(line -> line.startsWith("  " + name + " ")), name);
    }
  }

  @Test
  void twoExamplesAtOnceAreAnErrorToo() throws Exception {
    int[] status = new int[1];
    Console console = Console.capture(() -> status[0] = run("hello", "await"));

    assertEquals(2, status[0]);
    assertEquals("", console.out);
    assertTrue(console.err.contains("usage:"), console.err);
  }

  @Test
  void helpPrintsUsageOnStandardOutput() throws Exception {
    int[] status = new int[1];
    Console console = Console.capture(() -> status[0] = run("--help"));

    assertEquals(0, status[0]);
    assertTrue(console.out.startsWith("usage: "), console.out);
    assertEquals("", console.err);
  }
}
