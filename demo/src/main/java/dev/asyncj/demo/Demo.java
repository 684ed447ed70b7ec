package dev.asyncj.demo;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * The tutorial's examples, one per command-line argument: {@code java -jar asyncj-demo.jar
 * [example]}; with no argument, a short tour of them. Python: the tutorial's scripts, each run with
 * {@code python example.py}. {@code java -jar asyncj-demo.jar explain [example]} shows an example's
 * {@code @Async} methods beside the state machines generated for them ({@link Explain}).
 *
 * <p>Each example is a small class of this package whose Javadoc shows the Python it mirrors:
 * {@link SyncDownload}, {@link AsyncDownload}, {@link Hello}, {@link AwaitHello}, {@link
 * NoneResult}, {@link Gather}, {@link RunMain}; and the README's {@code Download.java} ({@link
 * ReadmeDownload}).
 */
public final class Demo {
  private Demo() {}

  /**
   * How the examples wait: for real in {@link #main}, on virtual time in tests, so that a test of a
   * 10 s example takes no time.
   *
   * @param asyncioRun runs an example's main coroutine: {@code asyncio.run}
   * @param sleeper blocks, for the {@code sync} example: {@code time.sleep}
   * @param clock reads the time in seconds, for the {@code sync} example: {@code time.time}
   */
  record Timing(AsyncioRun asyncioRun, SyncDownload.Sleeper sleeper, DoubleSupplier clock) {
    static final Timing REAL =
        new Timing(AsyncioRun.REAL, SyncDownload.THREAD_SLEEP, SyncDownload.NANO_TIME);
  }

  /** What an example does when it is chosen. */
  @FunctionalInterface
  interface Body {
    void run(Timing timing) throws InterruptedException;
  }

  /**
   * An example: its name on the command line, what it shows in one line, the class whose source it
   * is (which {@code explain} shows), how to run it.
   */
  record Example(String name, String title, Class<?> code, Body body) {}

  static final List<Example> EXAMPLES =
      List.of(
          new Example(
              "sync",
              "blocking code: time.sleep holds everything up, about 10 s",
              SyncDownload.class,
              timing -> new SyncDownload(timing.sleeper(), timing.clock()).main()),
          new Example(
              "async",
              "the same with async/await: the waits overlap, about 5 s",
              AsyncDownload.class,
              timing -> AsyncDownload.show(timing.asyncioRun())),
          new Example(
              "download",
              "the README's Download.java: the same, in one class, about 5 s",
              ReadmeDownload.CODE,
              timing -> ReadmeDownload.show(timing.asyncioRun())),
          new Example(
              "hello",
              "calling an async function runs nothing: it makes a coroutine object",
              Hello.class,
              timing -> Hello.show(timing.asyncioRun())),
          new Example(
              "await",
              "await runs the coroutine and gives its return value",
              AwaitHello.class,
              timing -> AwaitHello.show(timing.asyncioRun())),
          new Example(
              "none",
              "a coroutine that returns nothing gives None (null in Java)",
              NoneResult.class,
              timing -> NoneResult.show(timing.asyncioRun())),
          new Example(
              "gather",
              "gather runs several at once: results in order, and what a failure does",
              Gather.class,
              timing -> Gather.show(timing.asyncioRun())),
          new Example(
              "run",
              "Asyncio.run, the way in from ordinary code, with and without debug mode",
              RunMain.class,
              timing -> RunMain.show(timing.asyncioRun())));

  /**
   * The tour, in this order; not {@code sync}, which takes 10 s, nor {@code download}, which is
   * {@code async} again.
   */
  static final List<String> TOUR = List.of("hello", "await", "none", "gather", "run", "async");

  static final String COMMAND = "java -jar demo/target/asyncj-demo.jar";

  public static void main(String[] args) throws InterruptedException {
    // The examples print Chinese. System.out encodes with the platform's charset, which is ASCII
    // under LANG=C (every Chinese character becomes '?'): write UTF-8 to the descriptors instead.
    System.setOut(utf8(FileDescriptor.out));
    System.setErr(utf8(FileDescriptor.err));
    int status = run(args, Timing.REAL);
    System.out.flush();
    System.err.flush();
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the example named by {@code args} (the tour if there is none), or {@code explain} (see
   * {@link Explain}), printing on {@link System#out}, and returns the exit status: 0, or 2 for a
   * wrong command line.
   */
  static int run(String[] args, Timing timing) throws InterruptedException {
    if (args.length == 0) {
      tour(timing);
      return 0;
    }
    if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
      usage(System.out);
      return 0;
    }
    if (args[0].equals("explain")) {
      return Explain.run(List.of(args).subList(1, args.length), Explain.WIDTH);
    }
    Example example = args.length == 1 ? find(args[0]) : null;
    if (example == null) {
      System.err.println(
          args.length == 1
              ? "unknown example: " + args[0]
              : "one example at a time, got " + args.length + " arguments");
      usage(System.err);
      return 2;
    }
    example.body().run(timing);
    return 0;
  }

  static void tour(Timing timing) throws InterruptedException {
    System.out.println("A tour of the tutorial's examples, in Java with asyncj.");
    System.out.println("(The blocking example takes 10 s, so it runs only when asked: " + COMMAND
        + " sync)");
    for (String name : TOUR) {
      Example example = find(name);
      System.out.println();
      System.out.println("== " + example.name() + ": " + example.title());
      example.body().run(timing);
    }
  }

  static void usage(PrintStream out) {
    out.println("usage: " + COMMAND + " [example]");
    out.println("       " + COMMAND + " explain [example|all]");
    out.println("With no example, a tour: " + String.join(", ", TOUR) + ".");
    out.println("explain shows an example's @Async methods beside the state machines generated for"
        + " them.");
    out.println("Examples:");
    for (Example example : EXAMPLES) {
      out.println(String.format("  %-8s %s", example.name(), example.title()));
    }
  }

  static Example find(String name) {
    for (Example example : EXAMPLES) {
      if (example.name().equals(name)) {
        return example;
      }
    }
    return null;
  }

  private static PrintStream utf8(FileDescriptor descriptor) {
    return new PrintStream(
        new BufferedOutputStream(new FileOutputStream(descriptor)), true, StandardCharsets.UTF_8);
  }
}
