package dev.asyncj.processor.differential;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.asyncj.Coroutine;
import dev.asyncj.EventLoop;
import dev.asyncj.processor.AsyncProcessor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Compiles programs in both variants and runs them: the async variant through the asyncj
 * processor, on a loop with a virtual clock; the sync variant by plain javac, called directly. Many
 * programs go into one javac invocation (one class each), which is what keeps compile-testing fast.
 */
final class Harness {
  private Harness() {}

  /** Time one run of one variant may take before it counts as hanging. */
  private static final long TIMEOUT_MILLIS = 20_000;
  /** Lines a run may print before it is stopped (a runaway program, not a valid comparison). */
  private static final int MAX_LINES = 20_000;

  enum Status {
    /** Same trace. */
    PASS,
    /** The sync variant did not compile or crashed the harness: a bug of the generator. */
    INVALID,
    /** The sync variant compiled, the async one did not (processor error or bad generated code). */
    COMPILE_ERROR,
    /** Both ran, the traces differ. */
    MISMATCH,
    /** The async variant did not finish in time (the sync one did). */
    TIMEOUT,
    /** A variant printed more than {@link #MAX_LINES}: not compared, a generator problem. */
    TOO_LONG,
  }

  /** What came of one program. {@code expected} is the sync trace, {@code actual} the async one. */
  record Outcome(Node program, Status status, String detail, String expected, String actual) {
    boolean failed() {
      return status != Status.PASS;
    }

    /** The async source, the expected and actual traces and what differs, for a report. */
    String report() {
      return "=== " + status + ": " + detail + "\n--- async program\n" + Renderer.render(program, true)
          + "--- expected (sync)\n" + cap(expected) + "--- actual (async)\n" + cap(actual);
    }

    private static String cap(String s) {
      if (s == null) {
        return "(none)\n";
      }
      return s.length() > 6000 ? s.substring(0, 6000) + "\n...\n" : s;
    }
  }

  /** Where the time went, for the summary: javac runs, program runs, and the slowest runs. */
  static final class Timing {
    long compileNanos;
    long runNanos;
    final java.util.TreeMap<Long, String> slowest = new java.util.TreeMap<>();

    synchronized void compiled(long nanos) {
      compileNanos += nanos;
    }

    synchronized void ran(String name, long nanos) {
      runNanos += nanos;
      slowest.put(nanos, name);
      if (slowest.size() > 5) {
        slowest.pollFirstEntry();
      }
    }

    @Override
    public synchronized String toString() {
      StringBuilder b = new StringBuilder(String.format("javac %.1f s, runs %.1f s; slowest:", compileNanos / 1e9, runNanos / 1e9));
      slowest.descendingMap().forEach((n, name) -> b.append(String.format(" %s %.2f s", name, n / 1e9)));
      return b.toString();
    }
  }

  static final Timing TIMING = new Timing();

  /** Compiles and runs every program, and compares. The programs' class names must differ. */
  static List<Outcome> run(List<Node> programs) {
    return run(programs, false);
  }

  /**
   * As {@link #run(List)}; with {@code checkAsyncSource}, the async variant must also compile
   * without the processor (javac alone type-checks it, Await.of being an ordinary method): the
   * reducer's candidates must stay valid Java, not only reproduce the processor's crash.
   */
  static List<Outcome> run(List<Node> programs, boolean checkAsyncSource) {
    Map<String, Node> byName = new LinkedHashMap<>();
    for (Node p : programs) {
      byName.put(p.attr(0), p);
    }
    Map<String, Outcome> outcomes = new HashMap<>();
    Map<String, String> syncSources = new LinkedHashMap<>();
    Map<String, String> asyncSources = new LinkedHashMap<>();
    for (Node p : programs) {
      try {
        syncSources.put(p.attr(0), Renderer.render(p, false));
        asyncSources.put(p.attr(0), Renderer.render(p, true));
      } catch (RuntimeException e) {
        syncSources.remove(p.attr(0));
        outcomes.put(p.attr(0), new Outcome(p, Status.INVALID, "cannot render: " + e, null, null));
      }
    }

    Map<String, String> syncErrors = new HashMap<>();
    Compilation sync = compileAll(syncSources, false, syncErrors);
    syncErrors.forEach((name, error) ->
        outcomes.put(name, new Outcome(byName.get(name), Status.INVALID, "sync variant does not compile: " + error, null, null)));
    asyncSources.keySet().retainAll(syncSources.keySet());
    asyncSources.keySet().removeAll(syncErrors.keySet());
    if (checkAsyncSource) {
      Map<String, String> plainErrors = new HashMap<>();
      compileAll(asyncSources, false, plainErrors);
      plainErrors.forEach((name, error) -> outcomes.put(name,
          new Outcome(byName.get(name), Status.INVALID, "async variant is not valid Java: " + error, null, null)));
      asyncSources.keySet().removeAll(plainErrors.keySet());
    }
    Map<String, String> asyncErrors = new HashMap<>();
    Compilation async = compileAll(asyncSources, true, asyncErrors);
    asyncErrors.forEach((name, error) ->
        outcomes.put(name, new Outcome(byName.get(name), Status.COMPILE_ERROR, "async variant does not compile: " + error, null, null)));

    ClassLoader syncLoader = sync == null ? null : new CompiledClassLoader(sync);
    ClassLoader asyncLoader = async == null ? null : new CompiledClassLoader(async);
    Capture capture = Capture.installed();
    for (Node p : programs) {
      String name = p.attr(0);
      if (outcomes.containsKey(name)) {
        continue;
      }
      long t0 = System.nanoTime();
      outcomes.put(name, runOne(p, syncLoader, asyncLoader, capture));
      TIMING.ran(name, System.nanoTime() - t0);
    }
    List<Outcome> result = new ArrayList<>();
    for (Node p : programs) {
      result.add(outcomes.get(p.attr(0)));
    }
    return result;
  }

  /**
   * For regression tests: compiles one async program (a whole compilation unit of package {@code
   * gen}, with the generated programs' {@code start(String tag, int a)}) with the processor, runs
   * {@code start("main", a)} on a loop with a virtual clock, and returns its trace; fails with
   * javac's messages if it does not compile.
   */
  static String asyncTrace(String source, int a) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("public class (\\w+)").matcher(source);
    if (!m.find()) {
      throw new IllegalArgumentException("no public class in\n" + source);
    }
    String name = m.group(1);
    Compilation c = compiler(true).compile(JavaFileObjects.forSourceString(Renderer.PACKAGE + "." + name, source));
    if (c.status() != Compilation.Status.SUCCESS) {
      throw new AssertionError("does not compile:\n" + messages(c));
    }
    Node program = Node.of(Node.Kind.PROGRAM, null, List.of(name, "single", Integer.toString(a), "0", "0"), List.of());
    Trace trace = timed(Capture.installed(), () -> runAsync(program, new CompiledClassLoader(c), false));
    if (trace.failure != null) {
      throw new AssertionError(trace.failure + "\nprinted:\n" + trace.text);
    }
    return trace.text;
  }

  // ------------------------------------------------------------------ compiling

  /**
   * Compiles the programs in one javac run; the ones with errors are put in {@code errors} (by
   * class name) and the others compiled again without them. Null when none compiles.
   */
  private static Compilation compileAll(Map<String, String> sources, boolean async, Map<String, String> errors) {
    Map<String, String> left = new LinkedHashMap<>(sources);
    while (!left.isEmpty()) {
      List<JavaFileObject> files = new ArrayList<>();
      left.forEach((name, source) -> files.add(JavaFileObjects.forSourceString(Renderer.PACKAGE + "." + name, source)));
      long t0 = System.nanoTime();
      Compilation c;
      String crash = null;
      try {
        c = compiler(async).compile(files);
      } catch (RuntimeException e) { // javac or the processor threw: compile-testing's CompilationFailureException
        c = null;
        crash = e.toString();
      }
      TIMING.compiled(System.nanoTime() - t0);
      if (c != null && c.status() == Compilation.Status.SUCCESS) {
        return c;
      }
      Map<String, String> blamed = c == null ? new LinkedHashMap<>() : blame(c, left.keySet());
      if (blamed.isEmpty()) {
        // an error without a file, or a crash: find the culprits one by one
        for (Map.Entry<String, String> e : left.entrySet()) {
          try {
            Compilation one = compiler(async).compile(
                JavaFileObjects.forSourceString(Renderer.PACKAGE + "." + e.getKey(), e.getValue()));
            if (one.status() != Compilation.Status.SUCCESS) {
              blamed.put(e.getKey(), messages(one));
            }
          } catch (RuntimeException x) {
            blamed.put(e.getKey(), "the compiler crashed: " + stackTrace(x));
          }
        }
        if (blamed.isEmpty()) {
          throw new AssertionError("batch fails but each program compiles alone:\n" + (c == null ? crash : messages(c)));
        }
      }
      errors.putAll(blamed);
      left.keySet().removeAll(blamed.keySet());
    }
    return null;
  }

  private static Compiler compiler(boolean async) {
    return async
        ? Compiler.javac().withProcessors(new AsyncProcessor()).withOptions("-Xlint:none")
        : Compiler.javac().withOptions("-proc:none", "-Xlint:none");
  }

  /** The class names whose files (or generated files: {@code P3_m1.java}) have errors. */
  private static Map<String, String> blame(Compilation c, Set<String> names) {
    Map<String, String> blamed = new LinkedHashMap<>();
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      if (d.getSource() == null) {
        continue;
      }
      String file = d.getSource().getName();
      String simple = file.substring(file.lastIndexOf('/') + 1).replace(".java", "");
      int cut = simple.replace('$', '_').indexOf('_');
      String owner = cut < 0 ? simple : simple.substring(0, cut);
      if (names.contains(owner)) {
        blamed.merge(owner, describe(d), (a, b) -> a + "\n" + b);
      }
    }
    return blamed;
  }

  static String describe(Diagnostic<? extends JavaFileObject> d) {
    String file = d.getSource() == null ? "?" : d.getSource().getName();
    return file.substring(file.lastIndexOf('/') + 1) + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT);
  }

  private static String messages(Compilation c) {
    StringBuilder b = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      b.append(describe(d)).append('\n');
    }
    return b.toString();
  }

  /** Loads the classes a compilation wrote (the processor's patched class files included). */
  static final class CompiledClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes = new HashMap<>();

    CompiledClassLoader(Compilation compilation) {
      super(Harness.class.getClassLoader());
      for (JavaFileObject file : compilation.generatedFiles()) {
        if (file.getKind() != JavaFileObject.Kind.CLASS) {
          continue;
        }
        String path = file.toUri().getPath();
        String binaryName =
            path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length(), path.length() - ".class".length())
                .replace('/', '.');
        try (InputStream in = file.openInputStream()) {
          classes.put(binaryName, in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }

  // ------------------------------------------------------------------ running

  private static Outcome runOne(Node p, ClassLoader syncLoader, ClassLoader asyncLoader, Capture capture) {
    boolean gather = p.attr(1).equals("gather");
    Trace expected = timed(capture, () -> runSync(p, syncLoader, gather));
    if (expected.failure != null) {
      return new Outcome(p, expected.tooLong ? Status.TOO_LONG : Status.INVALID, "sync run: " + expected.failure,
          expected.text, null);
    }
    Trace actual = timed(capture, () -> runAsync(p, asyncLoader, gather));
    if (actual.failure != null) {
      Status status = actual.tooLong ? Status.TOO_LONG : actual.timedOut ? Status.TIMEOUT : Status.MISMATCH;
      return new Outcome(p, status, "async run: " + actual.failure, expected.text, actual.text);
    }
    String difference = compare(expected.text, actual.text);
    return difference == null
        ? new Outcome(p, Status.PASS, "", expected.text, actual.text)
        : new Outcome(p, Status.MISMATCH, difference, expected.text, actual.text);
  }

  /** The outcome line of one task, as both variants print it. */
  static String ending(String tag, Object value, Throwable thrown) {
    return tag + "| => " + (thrown == null ? "result " + value : "uncaught " + describeThrowable(thrown));
  }

  static String describeThrowable(Throwable e) {
    StringBuilder s = new StringBuilder(e.getClass().getName() + ": " + e.getMessage());
    for (Throwable t : e.getSuppressed()) {
      s.append(" +").append(describeThrowable(t));
    }
    return s.toString();
  }

  private static void runSync(Node p, ClassLoader loader, boolean gather) throws Exception {
    Method start = loader.loadClass(Renderer.qualifiedName(p)).getDeclaredMethod("start", String.class, int.class);
    start.setAccessible(true);
    String[] tags = gather ? new String[] {"A", "B"} : new String[] {"main"};
    for (int i = 0; i < tags.length; i++) {
      Object value = null;
      Throwable thrown = null;
      try {
        value = start.invoke(null, tags[i], Integer.parseInt(p.attr(2 + i)));
      } catch (InvocationTargetException e) {
        thrown = e.getCause();
        if (thrown instanceof TooLong tooLong) {
          throw tooLong;
        }
      }
      System.out.println(ending(tags[i], value, thrown));
    }
  }

  private static void runAsync(Node p, ClassLoader loader, boolean gather) throws Exception {
    Class<?> type = loader.loadClass(Renderer.qualifiedName(p));
    try (EventLoop loop = EventLoop.withVirtualClock()) {
      if (!gather) {
        Method start = type.getDeclaredMethod("start", String.class, int.class);
        start.setAccessible(true);
        Coroutine<?> coroutine = (Coroutine<?>) start.invoke(null, "main", Integer.parseInt(p.attr(2)));
        Object value = null;
        Throwable thrown = null;
        try {
          value = loop.runUntilComplete(coroutine);
        } catch (TooLong e) {
          throw e;
        } catch (Throwable e) {
          thrown = e;
        }
        System.out.println(ending("main", value, thrown));
        return;
      }
      Method main = type.getDeclaredMethod("main");
      main.setAccessible(true);
      List<?> results = (List<?>) loop.runUntilComplete((Coroutine<?>) main.invoke(null));
      String[] tags = {"A", "B"};
      for (int i = 0; i < 2; i++) {
        Object r = results.get(i);
        if (r instanceof TooLong tooLong) {
          throw tooLong;
        }
        System.out.println(r instanceof Throwable t ? ending(tags[i], null, t) : ending(tags[i], r, null));
      }
    }
  }

  /**
   * Null when equal; else where they differ. Lines are grouped by task tag (the text before "| ")
   * and each task's lines compared in order: under gather, tasks interleave differently from the
   * sequential run, but each task's own trace must be the same.
   */
  static String compare(String expected, String actual) {
    Map<String, List<String>> e = byTask(expected);
    Map<String, List<String>> a = byTask(actual);
    Set<String> tags = new TreeSet<>(e.keySet());
    tags.addAll(a.keySet());
    for (String tag : tags) {
      List<String> el = e.getOrDefault(tag, List.of());
      List<String> al = a.getOrDefault(tag, List.of());
      int n = Math.max(el.size(), al.size());
      for (int i = 0; i < n; i++) {
        String x = i < el.size() ? el.get(i) : "(end of trace)";
        String y = i < al.size() ? al.get(i) : "(end of trace)";
        if (!x.equals(y)) {
          return "task " + tag + ", line " + (i + 1) + ": expected <" + x + "> but was <" + y + ">";
        }
      }
    }
    return null;
  }

  private static Map<String, List<String>> byTask(String text) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      int bar = line.indexOf("| ");
      String tag = bar < 0 ? "?" : line.substring(0, bar);
      map.computeIfAbsent(tag, t -> new ArrayList<>()).add(line);
    }
    return map;
  }

  // ------------------------------------------------------------------ output and time limits

  private interface Body {
    void run() throws Exception;
  }

  private static final class Trace {
    String text = "";
    String failure;
    boolean timedOut;
    boolean tooLong;
  }

  /** Thrown by the capture when a run prints too much: an Error, so programs do not catch it. */
  static final class TooLong extends Error {
    private static final long serialVersionUID = 1L;

    TooLong() {
      super("more than " + MAX_LINES + " lines");
    }
  }

  /** Runs {@code body} on its own thread, capturing what that thread prints, with a time limit. */
  @SuppressWarnings({"deprecation", "removal"})
  private static Trace timed(Capture capture, Body body) {
    Trace trace = new Trace();
    Sink sink = new Sink();
    Thread thread = new Thread(() -> {
      try {
        body.run();
      } catch (TooLong e) {
        trace.tooLong = true;
        trace.failure = e.getMessage();
      } catch (InvocationTargetException e) {
        trace.failure = "harness: " + stackTrace(e.getCause());
      } catch (Throwable e) {
        if (e.getCause() instanceof TooLong || e instanceof TooLong) {
          trace.tooLong = true;
        }
        trace.failure = "harness: " + stackTrace(e);
      }
    }, "differential-run");
    thread.setDaemon(true);
    capture.sinks.put(thread, sink);
    thread.start();
    try {
      thread.join(TIMEOUT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      trace.timedOut = true;
      trace.failure = "no result after " + TIMEOUT_MILLIS / 1000 + " s";
      try {
        thread.stop();
      } catch (UnsupportedOperationException ignored) {
        // newer JDKs: the daemon thread is left behind
      }
    }
    capture.sinks.remove(thread);
    trace.text = sink.text();
    return trace;
  }

  private static String stackTrace(Throwable e) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    e.printStackTrace(new PrintStream(b, true, StandardCharsets.UTF_8));
    return b.toString(StandardCharsets.UTF_8);
  }

  /** What one run printed, up to {@link #MAX_LINES}. */
  private static final class Sink {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int lines;

    synchronized void write(int b) {
      if (b == '\n' && ++lines > MAX_LINES) {
        throw new TooLong();
      }
      bytes.write(b);
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  /**
   * System.out from the first run on: a thread running a program writes to its own sink, every
   * other thread to the original System.out. Installed once, so batches may run in parallel.
   */
  private static final class Capture extends OutputStream {
    private static Capture installed;

    final Map<Thread, Sink> sinks = new ConcurrentHashMap<>();
    private final PrintStream original;

    private Capture(PrintStream original) {
      this.original = original;
    }

    static synchronized Capture installed() {
      if (installed == null) {
        installed = new Capture(System.out);
        System.setOut(new PrintStream(installed, true, StandardCharsets.UTF_8));
      }
      return installed;
    }

    @Override
    public void write(int b) {
      Sink sink = sinks.get(Thread.currentThread());
      if (sink != null) {
        sink.write(b);
      } else {
        original.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      Sink sink = sinks.get(Thread.currentThread());
      if (sink == null) {
        original.write(b, off, len);
        return;
      }
      for (int i = off; i < off + len; i++) {
        sink.write(b[i]);
      }
    }

    @Override
    public void flush() {
      original.flush();
    }
  }
}
