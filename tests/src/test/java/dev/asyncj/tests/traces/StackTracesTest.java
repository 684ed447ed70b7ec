package dev.asyncj.tests.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.asyncj.EventLoop;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real stack traces of an exception thrown inside an @Async method, read frame by frame: they lead
 * to the user's file and line; in debug mode they also name each awaiting @Async method at the line
 * where it awaits, as Python's traceback does.
 */
class StackTracesTest {
  private static final String CHECKOUT = "dev.asyncj.tests.traces.Checkout";

  @Test
  void theFirstFrameIsTheUsersLineInTheStateMachineOfTheMethod() throws Exception {
    EventLoop loop = EventLoop.withVirtualClock();
    ArrayIndexOutOfBoundsException error =
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> loop.runUntilComplete(Checkout.pay()));
    loop.close();

    StackTraceElement first = error.getStackTrace()[0];
    assertEquals(CHECKOUT + "$price", first.getClassName());
    assertEquals("resume", first.getMethodName());
    assertEquals("Checkout.java", first.getFileName());
    assertEquals(lineOf("// throws here"), first.getLineNumber());
  }

  @Test
  void inDebugModeTheTraceNamesEachAwaitingMethodAtItsAwait() throws Exception {
    EventLoop loop = EventLoop.withVirtualClock();
    loop.setDebug(true);
    ArrayIndexOutOfBoundsException error =
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> loop.runUntilComplete(Checkout.pay()));
    loop.close();

    List<String> userFrames = new ArrayList<>();
    for (StackTraceElement frame : error.getStackTrace()) {
      if (frame.getClassName().startsWith("dev.asyncj.") && !frame.getClassName().startsWith(CHECKOUT)) {
        break; // the runtime's own frames follow
      }
      userFrames.add(frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":" + frame.getLineNumber() + ")");
    }
    assertEquals(
        List.of(
            CHECKOUT + ".price(Checkout.java:" + lineOf("// throws here") + ")",
            CHECKOUT + ".total(Checkout.java:" + lineOf("// awaits price again") + ")",
            CHECKOUT + ".pay(Checkout.java:" + lineOf("// awaits total") + ")"),
        userFrames,
        Arrays.toString(error.getStackTrace()));
  }

  private static int lineOf(String marker) throws Exception {
    List<String> lines =
        Files.readAllLines(Paths.get("src/test/java/dev/asyncj/tests/traces/Checkout.java"), StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(marker)) {
        return i + 1;
      }
    }
    throw new AssertionError(marker);
  }
}
