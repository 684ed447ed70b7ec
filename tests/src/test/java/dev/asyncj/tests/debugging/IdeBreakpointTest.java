package dev.asyncj.tests.debugging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jdi.Bootstrap;
import com.sun.jdi.IntegerValue;
import com.sun.jdi.Location;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.connect.LaunchingConnector;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.StepEvent;
import com.sun.jdi.event.VMDeathEvent;
import com.sun.jdi.event.VMDisconnectEvent;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.ClassPrepareRequest;
import com.sun.jdi.request.EventRequest;
import com.sun.jdi.request.StepRequest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A breakpoint on a line of an @Async method, set the way an IDE sets one, through the JDK's
 * debugger API (JDI, module jdk.jdi): from the file and line alone. VS Code's Java debugger
 * (microsoft/java-debug) resolves the file's class, {@code Countdown}, then looks for the line in
 * it and, if it is not there, in the loaded classes named {@code Countdown$...}
 * ({@code ReferenceType.nestedTypes()}), and asks to hear of classes {@code Countdown} and {@code
 * Countdown$*} loaded later: the state machine {@code Countdown$count} is one of them, with the
 * user's file and lines. Then stepping with "step over" goes from line to line of the method.
 */
class IdeBreakpointTest {
  private static final String COUNTDOWN = Countdown.class.getName();
  private static final Duration PATIENCE = Duration.ofMinutes(1);

  @Test
  void aBreakpointSetOnTheFilesLineIsFoundInTheStateMachineAndSteppingFollowsTheLoop()
      throws Exception {
    int line = lineOf("// breakpoint here");
    VirtualMachine vm = launch();
    try {
      for (String pattern : List.of(COUNTDOWN, COUNTDOWN + "$*")) {
        ClassPrepareRequest prepared = vm.eventRequestManager().createClassPrepareRequest();
        prepared.addClassFilter(pattern);
        prepared.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        prepared.enable();
      }
      vm.resume();

      List<String> classesWithTheLine = new ArrayList<>();
      List<String> classesWithoutIt = new ArrayList<>();
      BreakpointEvent hit = null;
      while (hit == null) {
        for (Event event : next(vm)) {
          if (event instanceof ClassPrepareEvent prepare) {
            ReferenceType type = prepare.referenceType();
            assertEquals("Countdown.java", type.sourceName(), type.name());
            List<Location> locations = type.locationsOfLine(line);
            (locations.isEmpty() ? classesWithoutIt : classesWithTheLine).add(type.name());
            for (Location location : locations) {
              BreakpointRequest breakpoint =
                  vm.eventRequestManager().createBreakpointRequest(location);
              breakpoint.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
              breakpoint.enable();
            }
          } else if (event instanceof BreakpointEvent breakpoint) {
            hit = breakpoint;
          }
        }
        if (hit == null) {
          vm.resume();
        }
      }
      // The class of the file has no code on the line (what jdb's "stop at Countdown:19" and a
      // debugger that looks in that class only find); its state machine has.
      assertEquals(List.of(COUNTDOWN), classesWithoutIt);
      assertEquals(List.of(COUNTDOWN + "$count"), classesWithTheLine);

      ThreadReference thread = hit.thread();
      StackFrame frame = thread.frame(0);
      assertEquals("Countdown.java", frame.location().sourceName());
      assertEquals(line, frame.location().lineNumber());
      assertEquals(3, localKeptAcrossAwaits(frame, "left"), "left, a field of the state machine");
      assertEquals(0, localKeptAcrossAwaits(frame, "steps"));

      vm.eventRequestManager().deleteEventRequests(vm.eventRequestManager().breakpointRequests());
      List<Integer> steps = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        steps.add(stepOver(vm, thread).lineNumber());
      }
      assertEquals(
          List.of(lineOf("left--;"), lineOf("while (left > 0)"), lineOf("Await.of(sleep(0));")),
          steps,
          "step over from the breakpoint: the next line, the loop's condition, the await");
      Location afterAwait = stepOver(vm, thread);
      assertTrue(
          !afterAwait.declaringType().name().startsWith(COUNTDOWN),
          "stepping over an await that suspends leaves the method for the loop: " + afterAwait);
      vm.resume();
      awaitTheEnd(vm);
    } finally {
      vm.process().destroy();
    }
  }

  /** A local that lives across awaits, as an IDE shows it: a field of the frame's {@code this}. */
  private static int localKeptAcrossAwaits(StackFrame frame, String name) {
    ReferenceType stateMachine = frame.location().declaringType();
    assertNotNull(stateMachine.fieldByName(name), name);
    return ((IntegerValue) frame.thisObject().getValue(stateMachine.fieldByName(name))).value();
  }

  /** One "step over" of {@code thread}: where it stopped. */
  private static Location stepOver(VirtualMachine vm, ThreadReference thread) throws Exception {
    StepRequest step =
        vm.eventRequestManager()
            .createStepRequest(thread, StepRequest.STEP_LINE, StepRequest.STEP_OVER);
    step.addCountFilter(1);
    step.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
    step.enable();
    vm.resume();
    try {
      while (true) {
        for (Event event : next(vm)) {
          if (event instanceof StepEvent stepped) {
            return stepped.location();
          }
        }
        vm.resume();
      }
    } finally {
      vm.eventRequestManager().deleteEventRequest(step);
    }
  }

  /** Starts Countdown in a new JVM under the debugger, suspended before its first instruction. */
  private static VirtualMachine launch() throws Exception {
    LaunchingConnector connector = Bootstrap.virtualMachineManager().defaultConnector();
    Map<String, Connector.Argument> arguments = connector.defaultArguments();
    arguments.get("main").setValue(COUNTDOWN);
    arguments.get("options").setValue("-classpath " + System.getProperty("java.class.path"));
    arguments.get("home").setValue(System.getProperty("java.home"));
    VirtualMachine vm = connector.launch(arguments);
    drain(vm.process().getInputStream());
    drain(vm.process().getErrorStream());
    return vm;
  }

  /** The debuggee's output is not looked at, but must be read so that it never blocks. */
  private static void drain(InputStream stream) {
    Thread reader =
        new Thread(
            () -> {
              try (stream) {
                stream.transferTo(java.io.OutputStream.nullOutputStream());
              } catch (java.io.IOException ignored) {
                // the debuggee ended
              }
            },
            "debuggee output");
    reader.setDaemon(true);
    reader.start();
  }

  private static EventSet next(VirtualMachine vm) throws InterruptedException {
    EventSet events = vm.eventQueue().remove(PATIENCE.toMillis());
    if (events == null) {
      throw new AssertionError("no debugger event in " + PATIENCE);
    }
    for (Event event : events) {
      if (event instanceof VMDeathEvent || event instanceof VMDisconnectEvent) {
        throw new AssertionError("the debuggee ended before the test was done: " + event);
      }
    }
    return events;
  }

  private static void awaitTheEnd(VirtualMachine vm) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      EventSet events = vm.eventQueue().remove(1000);
      if (events == null) {
        continue;
      }
      for (Event event : events) {
        if (event instanceof VMDeathEvent || event instanceof VMDisconnectEvent) {
          return;
        }
      }
      events.resume();
    }
    throw new AssertionError("Countdown did not end");
  }

  private static int lineOf(String text) throws Exception {
    List<String> lines =
        Files.readAllLines(
            Paths.get("src/test/java/dev/asyncj/tests/debugging/Countdown.java"),
            StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not found in Countdown.java");
  }
}
