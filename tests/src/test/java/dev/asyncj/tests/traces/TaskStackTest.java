package dev.asyncj.tests.traces;

import static dev.asyncj.Asyncio.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncj.EventLoop;
import dev.asyncj.Task;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code Task.getStack()} and {@code printStack()}, Python's {@code get_stack()} and {@code
 * print_stack()}: a task suspended in a chain of @Async methods says where each of them waits, by
 * file and line, on the virtual clock.
 */
class TaskStackTest {
  private static final String CHECKOUT = "dev.asyncj.tests.traces.Checkout";
  private static final String REPORTER = "dev.asyncj.tests.traces.Reporter";

  @Test
  void aSuspendedTaskNamesEachAwaitingMethodAtTheLineWhereItAwaits() throws Exception {
    EventLoop loop = EventLoop.withVirtualClock();
    Task<Integer> task = loop.createTask(Checkout.pay(), "checkout");

    loop.runUntilComplete(sleep(0.5)); // pay -> total -> price("a"), sleeping until 1.0
    assertEquals(
        List.of(
            CHECKOUT + ".price(Checkout.java:" + lineOf("Checkout", "Await.of(sleep(1));") + ")",
            CHECKOUT + ".total(Checkout.java:" + lineOf("Checkout", "// awaits price") + ")",
            CHECKOUT + ".pay(Checkout.java:" + lineOf("Checkout", "// awaits total") + ")"),
        strings(task.getStack()));

    loop.runUntilComplete(sleep(1)); // price("a") returned; total awaits price("abc") until 2.0
    assertEquals(
        List.of(
            CHECKOUT + ".price(Checkout.java:" + lineOf("Checkout", "Await.of(sleep(1));") + ")",
            CHECKOUT + ".total(Checkout.java:" + lineOf("Checkout", "// awaits price again") + ")",
            CHECKOUT + ".pay(Checkout.java:" + lineOf("Checkout", "// awaits total") + ")"),
        strings(task.getStack()));

    loop.runUntilComplete(sleep(1)); // price("abc") threw: the task failed
    assertTrue(task.done());
    assertEquals(List.of(), task.getStack(), "a done task is suspended nowhere");
    task.exception();
    loop.close();
  }

  @Test
  void aTaskThatHasNotStartedIsAtTheLineOfItsMethod() throws Exception {
    EventLoop loop = EventLoop.withVirtualClock();
    Task<Integer> task = loop.createTask(Checkout.pay());

    int method = lineOf("Checkout", "Coroutine<Integer> pay()");
    assertEquals(
        List.of(CHECKOUT + ".pay(Checkout.java:" + method + ")"), strings(task.getStack()));
    task.cancel();
    loop.runUntilComplete(sleep(0));
    loop.close();
  }

  @Test
  void theRunningTaskSeesItsMethodsAtTheLinesRunningNow() throws Exception {
    EventLoop loop = EventLoop.withVirtualClock();

    List<StackTraceElement> stack = loop.runUntilComplete(Reporter.outer());
    loop.close();

    assertEquals(
        List.of(
            REPORTER + ".report(Reporter.java:" + lineOf("Reporter", "// asks here") + ")",
            REPORTER + ".outer(Reporter.java:" + lineOf("Reporter", "// awaits report") + ")"),
        strings(stack));
  }

  @Test
  void printStackPrintsTheFramesUnderTheTask() throws Exception {
    EventLoop loop = EventLoop.withVirtualClock();
    Task<Integer> task = loop.createTask(Checkout.pay(), "checkout");
    loop.runUntilComplete(sleep(0.5));

    List<String> printed = printStack(task);
    assertEquals("Stack for " + task + " (most recent call first):", printed.get(0));
    assertEquals(
        strings(task.getStack()).stream().map(frame -> "\tat " + frame).toList(),
        printed.subList(1, printed.size()));
    assertEquals(3, printed.size() - 1, "price, total, pay");

    loop.runUntilComplete(sleep(2));
    printed = printStack(task);
    assertEquals("Traceback for " + task + " (most recent call first):", printed.get(0));
    assertTrue(
        printed.get(1).startsWith("java.lang.ArrayIndexOutOfBoundsException"), printed.get(1));
    int thrower = lineOf("Checkout", "// throws here");
    assertEquals(
        "\tat " + CHECKOUT + "$price.resume(Checkout.java:" + thrower + ")", printed.get(2));
    task.exception();
    loop.close();
  }

  private static List<String> printStack(Task<?> task) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    task.printStack(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static List<String> strings(List<StackTraceElement> frames) {
    return frames.stream().map(StackTraceElement::toString).toList();
  }

  /** The number of the first line of {@code <program>.java} here that contains {@code text}. */
  static int lineOf(String program, String text) throws Exception {
    List<String> lines =
        Files.readAllLines(
            Paths.get("src/test/java/dev/asyncj/tests/traces", program + ".java"),
            StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not found in " + program + ".java");
  }
}
