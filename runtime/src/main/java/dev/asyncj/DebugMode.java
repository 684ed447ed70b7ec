package dev.asyncj;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debug mode's report of coroutines that were created and never awaited, with where they were
 * created: Python's {@code RuntimeWarning: coroutine '...' was never awaited} under {@code
 * asyncio.run(..., debug=True)}.
 *
 * <p>While no loop runs in debug mode, creating a coroutine costs one read of a volatile boolean.
 * Also decides whether new loops start in debug mode ({@link #enabledByDefault()}).
 */
final class DebugMode {
  private DebugMode() {}

  /** True while at least one loop runs in debug mode. */
  static volatile boolean tracking;

  private static final AtomicInteger debugLoops = new AtomicInteger();

  /** Debug mode for new loops, from the environment; read once. */
  private static final boolean ENABLED_BY_DEFAULT = readDefault();

  /**
   * Whether new loops start in debug mode: the system property {@code asyncj.debug} ({@code true}
   * or {@code 1} turn it on, anything else off) or, without it, a non-empty environment variable
   * {@code ASYNCJ_DEBUG}, as Python reads {@code PYTHONASYNCIODEBUG}.
   */
  static boolean enabledByDefault() {
    return ENABLED_BY_DEFAULT;
  }

  private static boolean readDefault() {
    try {
      String property = System.getProperty("asyncj.debug");
      if (property != null) {
        String value = property.trim();
        return value.equalsIgnoreCase("true") || value.equals("1");
      }
      String variable = System.getenv("ASYNCJ_DEBUG");
      return variable != null && !variable.isEmpty();
    } catch (SecurityException denied) {
      return false;
    }
  }

  static void loopStarted(EventLoop loop) {
    if (loop.neverAwaitedTracker().startTracking(loop.getDebug())) {
      debugLoops.incrementAndGet();
      tracking = true;
    }
  }

  static void loopStopped(EventLoop loop) {
    if (loop.neverAwaitedTracker().stopTracking()) {
      if (debugLoops.decrementAndGet() == 0) {
        tracking = false;
      }
    }
  }

  /** A coroutine was created: remember where, if this thread's loop is in debug mode. */
  static void created(Coroutine<?> coroutine) {
    EventLoop loop = EventLoop.runningOrNull();
    if (loop != null && loop.getDebug()) {
      loop.neverAwaitedTracker().add(coroutine, userStack());
    }
  }

  /**
   * The current stack, with each frame of a generated state machine's {@code resume()} named after
   * the user's {@code @Async} method it runs ({@code Hello.main(Hello.java:39)}). A state machine's
   * constructor and the {@code @Async} method's own frame that calls it are left out: calling
   * {@code hello()} runs none of its body, so, as in Python's "Coroutine created at", the last
   * frame is the caller's line.
   */
  static StackTraceElement[] userStack() {
    return STACK_WALKER.walk(
        frames -> {
          List<StackTraceElement> stack = new ArrayList<>();
          SourceInfo constructed = null; // the state machine the frame above constructs
          for (StackWalker.StackFrame frame : (Iterable<StackWalker.StackFrame>) frames::iterator) {
            SourceInfo info = SourceInfo.of(frame.getDeclaringClass());
            if (info.known() && frame.getMethodName().equals("<init>")) {
              constructed = info;
              continue;
            }
            boolean asyncMethod = constructed != null && constructed.isTheAsyncMethod(frame);
            constructed = null;
            if (!asyncMethod) {
              stack.add(
                  info.known() && frame.getMethodName().equals("resume")
                      ? info.frameAtLine(frame.getLineNumber())
                      : frame.toStackTraceElement());
            }
          }
          return stack.toArray(StackTraceElement[]::new);
        });
  }

  private static final StackWalker STACK_WALKER =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  /**
   * The frame that called into {@code api} (the first one below it that is not in {@code api}),
   * named after the user's {@code @Async} method if it is a state machine's; null if none. Where a
   * callback was scheduled: Python's {@code Handle._source_traceback[-1]}.
   */
  static StackTraceElement callerOf(Class<?> api) {
    return STACK_WALKER.walk(
        frames ->
            frames
                .dropWhile(frame -> frame.getDeclaringClass() != api)
                .dropWhile(frame -> frame.getDeclaringClass() == api)
                .findFirst()
                .map(
                    frame -> {
                      SourceInfo info = SourceInfo.of(frame.getDeclaringClass());
                      return info.known() && frame.getMethodName().equals("resume")
                          ? info.frameAtLine(frame.getLineNumber())
                          : frame.toStackTraceElement();
                    })
                .orElse(null));
  }

  /** A coroutine started: it was awaited after all. */
  static void started(Coroutine<?> coroutine) {
    EventLoop loop = EventLoop.runningOrNull();
    if (loop != null) {
      loop.neverAwaitedTracker().remove(coroutine);
    }
  }

  /** The coroutines created on one loop in debug mode and not started yet. */
  static final class Tracker {
    private final Map<Coroutine<?>, Creation> unstarted = new WeakHashMap<>();
    private final ReferenceQueue<Coroutine<?>> collected = new ReferenceQueue<>();
    private boolean active;

    boolean startTracking(boolean debug) {
      active = debug;
      return debug;
    }

    boolean stopTracking() {
      boolean was = active;
      active = false;
      return was;
    }

    void add(Coroutine<?> coroutine, StackTraceElement[] stack) {
      unstarted.put(coroutine, new Creation(coroutine, stack, collected));
    }

    void remove(Coroutine<?> coroutine) {
      if (!unstarted.isEmpty()) {
        Creation creation = unstarted.remove(coroutine);
        if (creation != null) {
          creation.clear(); // started: never report it
        }
      }
    }

    /** Reports every tracked coroutine that was never started, collected or not. */
    void reportTo(EventLoop loop) {
      List<Creation> never = new ArrayList<>(unstarted.values());
      unstarted.clear();
      Object ref;
      while ((ref = collected.poll()) != null) {
        Creation creation = (Creation) ref;
        if (!never.contains(creation)) {
          never.add(creation);
        }
      }
      for (Creation creation : never) {
        creation.clear();
        loop.report(creation.message(), null);
      }
    }
  }

  /** Where a coroutine was created, kept weakly so that tracking never keeps one alive. */
  private static final class Creation extends WeakReference<Coroutine<?>> {
    private final String name;
    private final StackTraceElement[] stack;

    Creation(Coroutine<?> coroutine, StackTraceElement[] stack, ReferenceQueue<Coroutine<?>> queue) {
      super(coroutine, queue);
      this.name = coroutine.qualifiedName();
      this.stack = stack;
    }

    String message() {
      StringBuilder text =
          new StringBuilder("RuntimeWarning: coroutine '")
              .append(name)
              .append("' was never awaited\nCoroutine created at (most recent call last):");
      List<StackTraceElement> frames = userFrames();
      for (int i = frames.size() - 1; i >= 0; i--) {
        text.append("\n  at ").append(frames.get(i));
      }
      return text.toString();
    }

    /** The creation stack without asyncj's own frames and the state machine's constructors. */
    private List<StackTraceElement> userFrames() {
      List<StackTraceElement> frames = new ArrayList<>();
      for (StackTraceElement frame : stack) {
        String className = frame.getClassName();
        String packageName = className.substring(0, Math.max(0, className.lastIndexOf('.')));
        // The runtime's own frames; code in other dev.asyncj packages (the demo) is user code.
        boolean asyncjFrame =
            packageName.equals("dev.asyncj") || packageName.equals("dev.asyncj.internal");
        boolean constructor = frames.isEmpty() && frame.getMethodName().equals("<init>");
        if (!asyncjFrame && !constructor) {
          frames.add(frame);
        }
      }
      return frames;
    }
  }
}
