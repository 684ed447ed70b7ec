package dev.asyncj.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * {@code java -jar asyncj-demo.jar explain <example>}: each {@code @Async} method of an example as
 * its author wrote it, then the state machine asyncj generated for it, state by state: for each
 * {@code case} of {@code resume()}, the user's lines it runs, then its code.
 *
 * <p>Both texts are read at run time from the jar, where the demo's pom copies them: the examples'
 * sources under {@value #SOURCES}, the generated sources under {@value #GENERATED}. An example's
 * {@code @Async} methods are the generated classes named {@code <Class>$...} whose
 * {@code @AsyncSource} names its class; the lines of each state are read from the {@code //
 * File.java:N} comments of the generated code (see {@link StateMachineText}).
 */
final class Explain {
  private Explain() {}

  /** Where the jar keeps the examples' sources: {@code asyncj-demo-sources/dev/asyncj/demo/Hello.java}. */
  static final String SOURCES = "asyncj-demo-sources/";

  /** Where the jar keeps the generated sources: {@code asyncj-generated-sources/dev/asyncj/demo/Hello$main.java}. */
  static final String GENERATED = "asyncj-generated-sources/";

  /** Where Maven leaves the generated sources, for the reader who wants to open them. */
  static final String GENERATED_DIR = "demo/target/generated-sources/annotations/";

  /** The width of the output, in terminal columns: it reads in a 100-column terminal. */
  static final int WIDTH = 100;

  /** A width for tests: no line wrapped or cut short. */
  static final int UNLIMITED = Integer.MAX_VALUE;

  static final String USAGE = "usage: " + Demo.COMMAND + " explain <example>|all";

  private static final String GUTTER = "        ";
  private static final String CONTINUED = "      ┆ ";

  static final List<String> LEGEND =
      List.of(
          "How to read it",
          "  <Class>$<method>  the class generated for an @Async method. Calling the method only"
              + " creates one,",
          "                at state 0: none of your code runs until it is awaited.",
          "  state         which case of its resume() runs next. The event loop calls resume(),"
              + " which runs",
          "                from that case to the next await, or to the end of your method.",
          "  SUSPENDED     what resume() returns at an await that has to wait. `state = N` was set"
              + " just",
          "                before, so the next resume() goes on at case N. If what is awaited is"
              + " done",
          "                already, resume() does not return: it falls straight into case N.",
          "  awaitedValue  the case after an await starts with it: the awaited result, or the"
              + " exception the",
          "                awaited thing threw, thrown here.",
          "  fields        your locals (and parameters) that live across an await: a Java local"
              + " would not",
          "                survive `return SUSPENDED`, a field does.",
          "  continue      `state = N; continue;` jumps to case N: loops and ifs become such jumps.",
          "  ── state N    the lines of yours that state N runs, numbered as in your file; under"
              + " the ↓, the",
          "                case they became. Each generated line ends with // File.java:N, the"
              + " line it came",
          "                from.");

  /**
   * Runs {@code explain} with the arguments that follow it, printing on {@link System#out} at
   * most {@code width} columns wide; returns the exit status: 0, or 2 for a wrong command line.
   */
  static int run(List<String> args, int width) {
    PrintStream out = System.out;
    if (args.isEmpty()) {
      list(out);
      return 0;
    }
    List<Demo.Example> examples = null;
    if (args.size() == 1 && args.get(0).equals("all")) {
      examples = Demo.EXAMPLES;
    } else if (args.size() == 1 && Demo.find(args.get(0)) != null) {
      examples = List.of(Demo.find(args.get(0)));
    }
    if (examples == null) {
      System.err.println(
          args.size() == 1
              ? "unknown example: " + args.get(0)
              : "one example at a time, got " + args.size() + " arguments");
      list(System.err);
      return 2;
    }
    Page page = new Page(out, width);
    page.line("explain: each @Async method as you wrote it, then the state machine asyncj generated"
        + " for it,");
    page.line("state by state (\"Read the generated code\" in asyncj's README says more).");
    page.blank();
    LEGEND.forEach(page::line);
    for (Demo.Example example : examples) {
      page.blank();
      example(page, example);
    }
    out.flush();
    return 0;
  }

  /** The usage of {@code explain} and the examples, each with its {@code @Async} methods. */
  static void list(PrintStream out) {
    out.println(USAGE);
    out.println("Shows each @Async method of an example beside the state machine asyncj generated"
        + " for it.");
    out.println("Examples, with their @Async methods:");
    for (Demo.Example example : Demo.EXAMPLES) {
      List<StateMachineText> machines = stateMachines(example.code());
      String methods =
          machines.isEmpty()
              ? "no @Async method (blocking code)"
              : machines.stream().map(m -> m.method).collect(Collectors.joining(", "));
      out.println(String.format("  %-8s %s: %s", example.name(), example.code().getSimpleName(),
          methods));
    }
    out.println(String.format("  %-8s %s", "all", "every example, one after the other"));
  }

  /** Explains one example: each of its {@code @Async} methods, in the order of its file. */
  private static void example(Page page, Demo.Example example) {
    Class<?> code = example.code();
    String file = code.getSimpleName() + ".java";
    page.rule("════ " + example.name() + ": " + example.title() + " ", '═', "");
    List<StateMachineText> machines = stateMachines(code);
    if (machines.isEmpty()) {
      page.prose(file + " has no @Async method, so asyncj generated nothing for it: its code runs"
          + " as it is.");
      return;
    }
    page.prose(file + " has " + count(machines.size(), "@Async method") + ": "
        + machines.stream().map(m -> m.method + "()").collect(Collectors.joining(", "))
        + (machines.size() == 1 ? ". Its state machine is in " : ". Their state machines are in ")
        + GENERATED_DIR + packagePath(code) + ".");
    JavaText user = new JavaText(read(SOURCES + packagePath(code) + file));
    int n = 0;
    for (StateMachineText machine : machines) {
      page.blank();
      method(page, user, machine, ++n, machines.size());
    }
  }

  /** One {@code @Async} method: as written, its fields, its resume() around the states, its states. */
  static void method(Page page, JavaText user, StateMachineText machine, int n, int of) {
    String name = machine.simpleName();
    page.rule(
        "━━ " + (of > 1 ? n + "/" + of + " " : "") + machine.title + " → class " + name + ", "
            + count(machine.states.size(), "state") + " ",
        '━', "");
    page.prose("Calling " + machine.title + " runs none of it: it returns a new " + name
        + " at state 0.");

    int start = machine.lines.length > 0 ? machine.lines[0] - 1 : -1;
    while (start > 0 && start < user.size() && user.code(start - 1).strip().startsWith("@")) {
      start--; // state 0 is at the method's name: its annotations above belong to what you wrote
    }
    int end = start >= 0 && start < user.size() ? user.endOfBlock(start) : -1;
    int indent = start >= 0 && start < user.size() ? user.indent(start) : 0;
    if (end >= 0) {
      page.blank();
      page.line("You wrote, " + machine.file + ":" + (start + 1) + "-" + (end + 1) + ":");
      for (int i = start; i <= end; i++) {
        userLine(page, user, i, indent);
      }
    }

    page.blank();
    if (machine.fields.isEmpty()) {
      page.line("asyncj generated " + machine.fileName + ". No fields: no local lives across an"
          + " await.");
    } else {
      page.line("asyncj generated " + machine.fileName + ". Its fields, what lives across awaits:");
      for (StateMachineText.Field field : machine.fields) {
        String text = field.declaration() + (field.doc().isEmpty() ? "" : "  — " + field.doc());
        page.wrap(GUTTER, text, field.declaration().length());
      }
    }
    page.line("Its resume(), with the cases of the states left out, to be shown one by one:");
    for (int i = 0; i <= machine.resumeAround.size(); i++) {
      if (i == machine.statesAt) {
        StateMachineText.State first = machine.states.get(0);
        StateMachineText.State last = machine.states.get(machine.states.size() - 1);
        String cases = machine.states.size() == 1 ? "case " + first.number() + ": the state"
            : "case " + first.number() + " to case " + last.number() + ": the states";
        page.line(GUTTER + " ".repeat(machine.statesIndent) + "⋮ " + cases + ", below");
      }
      if (i < machine.resumeAround.size()) {
        page.wrap(GUTTER, machine.resumeAround.get(i), -1);
      }
    }

    if (machine.resumeAround.stream().anyMatch(line -> line.contains("catch (Throwable thrown)"))) {
      page.prose("Its catch (Throwable thrown) sends an exception, by the state it was thrown in, to"
          + " the state of the matching catch or finally of yours; otherwise it throws it on.");
    }

    for (StateMachineText.State state : machine.states) {
      page.blank();
      List<Integer> lines = withCommentsBetween(user, state.userLines());
      page.rule(
          "── state " + state.number() + ": " + state.what() + " ",
          '─',
          " " + (lines.isEmpty() ? "no line of yours" : machine.file + ":" + ranges(lines)));
      for (int line : lines) {
        if (line >= 1 && line <= user.size()) {
          userLine(page, user, line - 1, indent);
        } else {
          page.line(String.format("%5d │ (not a line of %s)", line, machine.file));
        }
      }
      page.line(lines.isEmpty() ? "      ↓ (bookkeeping: no line of yours)" : "      ↓");
      JavaText code = new JavaText(String.join("\n", state.code()));
      for (int i = 0; i < state.code().size(); i++) {
        page.wrap(GUTTER, state.code().get(i), code.commentAt(i));
      }
    }
  }

  private static void userLine(Page page, JavaText user, int i, int indent) {
    String line = user.lines.get(i);
    String shown = JavaText.dedent(line, indent);
    int comment = user.commentAt(i) < 0 ? -1 : user.commentAt(i) - (line.length() - shown.length());
    page.wrap(String.format("%5d │ ", i + 1), shown, comment);
  }

  /**
   * {@code lines}, with the lines between two that follow each other in the file added when they
   * are only comments or blank: they belong to what the reader sees, though nothing runs them.
   */
  static List<Integer> withCommentsBetween(JavaText user, List<Integer> lines) {
    List<Integer> all = new ArrayList<>();
    for (int k = 0; k < lines.size(); k++) {
      int line = lines.get(k);
      if (k > 0) {
        int previous = lines.get(k - 1);
        boolean onlyComments = line > previous + 1 && line <= user.size();
        for (int between = previous + 1; onlyComments && between < line; between++) {
          onlyComments = user.isBlankOrComment(between - 1) && !lines.contains(between);
        }
        for (int between = previous + 1; onlyComments && between < line; between++) {
          all.add(between);
        }
      }
      all.add(line);
    }
    return all;
  }

  /** {@code 53, 51} or {@code 62-67}: the lines in their order, runs of consecutive ones joined. */
  static String ranges(List<Integer> lines) {
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < lines.size(); ) {
      int from = lines.get(k);
      int to = from;
      while (k + 1 < lines.size() && lines.get(k + 1) == to + 1) {
        to = lines.get(++k);
      }
      k++;
      out.append(out.length() == 0 ? "" : ", ").append(from).append(from == to ? "" : "-" + to);
    }
    return out.toString();
  }

  /**
   * The state machines generated for the {@code @Async} methods of {@code code} (and of the classes
   * nested in it), in the order of the methods in its file.
   */
  static List<StateMachineText> stateMachines(Class<?> code) {
    String directory = GENERATED + packagePath(code);
    List<StateMachineText> machines = new ArrayList<>();
    for (String fileName : list(directory)) {
      if (!fileName.startsWith(code.getSimpleName() + "$") || !fileName.endsWith(".java")) {
        continue;
      }
      String text = read(directory + fileName);
      if (!StateMachineText.isStateMachine(text)) {
        continue;
      }
      StateMachineText machine = StateMachineText.parse(fileName, text);
      if (machine.className.equals(code.getName())
          || machine.className.startsWith(code.getName() + "$")) {
        machines.add(machine);
      }
    }
    machines.sort(
        Comparator.comparingInt((StateMachineText m) -> m.lines.length == 0 ? 0 : m.lines[0])
            .thenComparing(m -> m.fileName));
    return machines;
  }

  /** {@code dev/asyncj/demo/}; empty for the unnamed package (the README's Download). */
  static String packagePath(Class<?> code) {
    String packageName = code.getPackageName();
    return packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/";
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  /** The text of a resource of the demo: a source that its pom copies into the jar. */
  static String read(String resource) {
    try (InputStream in = Explain.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the demo has no " + resource + ": build it with Maven,"
            + " whose demo/pom.xml copies the sources into its jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The names of the files in a resource directory of the demo, sorted: read from the jar (or the
   * directory of classes) that this class was loaded from.
   */
  static List<String> list(String directory) {
    TreeSet<String> names = new TreeSet<>();
    try {
      URL url = Explain.class.getClassLoader().getResource(directory);
      if (url != null && url.getProtocol().equals("file")) {
        listDirectory(Path.of(url.toURI()), names);
      }
      CodeSource source = Explain.class.getProtectionDomain().getCodeSource();
      if (source != null && source.getLocation().getProtocol().equals("file")) {
        Path root = Path.of(source.getLocation().toURI());
        if (Files.isDirectory(root)) {
          listDirectory(root.resolve(directory), names);
        } else if (Files.isRegularFile(root)) {
          try (ZipFile jar = new ZipFile(root.toFile())) {
            jar.stream()
                .map(ZipEntry::getName)
                .filter(name -> name.startsWith(directory) && name.length() > directory.length())
                .map(name -> name.substring(directory.length()))
                .filter(name -> !name.contains("/"))
                .forEach(names::add);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return List.copyOf(names);
  }

  private static void listDirectory(Path directory, TreeSet<String> names) throws IOException {
    if (Files.isDirectory(directory)) {
      try (Stream<Path> files = Files.list(directory)) {
        files.filter(Files::isRegularFile).forEach(f -> names.add(f.getFileName().toString()));
      }
    }
  }

  /**
   * Lines of output at most {@code width} columns wide (a CJK character takes two): long lines of
   * code are wrapped, their continuations marked with ┆ in the gutter.
   */
  static final class Page {
    private final PrintStream out;
    private final int width;

    Page(PrintStream out, int width) {
      this.out = out;
      this.width = width;
    }

    void blank() {
      out.println();
    }

    /** A line as it is: the caller keeps it short. */
    void line(String text) {
      out.println(text);
    }

    /** Text wrapped at spaces to the width. */
    void prose(String text) {
      String rest = text;
      while (columns(rest) > width) {
        int cut = -1;
        for (int i = rest.length() - 1; cut < 0 && i > 0; i--) {
          if (rest.charAt(i) == ' ' && columns(rest.substring(0, i)) <= width) {
            cut = i;
          }
        }
        if (cut < 0) {
          break; // one long word: let it overflow rather than break it
        }
        out.println(rest.substring(0, cut).stripTrailing());
        rest = rest.substring(cut).stripLeading();
      }
      out.println(rest);
    }

    /**
     * {@code left}, then {@code fill} up to {@code right} at the right margin; {@code left} is cut
     * short (…) if both do not fit with two fill characters between them.
     */
    void rule(String left, char fill, String right) {
      if (width == UNLIMITED) {
        out.println(left + String.valueOf(fill).repeat(2) + right);
        return;
      }
      int room = width - columns(right) - 2;
      if (columns(left) > room) {
        left = cut(left, room - 2) + "… ";
      }
      int fills = Math.max(2, width - columns(left) - columns(right));
      out.println(left + String.valueOf(fill).repeat(fills) + right);
    }

    /**
     * A line of code after {@code gutter}, wrapped if it is too wide: first before its {@code //}
     * comment (at {@code commentAt}, -1 if none), else at a space; each continuation is indented 4
     * more than the line and has ┆ in its gutter.
     */
    void wrap(String gutter, String text, int commentAt) {
      int room = width - columns(gutter);
      String rest = text;
      String prefix = gutter;
      String continuation = " ".repeat(JavaText.indent(text) + 4);
      boolean first = true;
      while (columns(rest) > room) {
        int lead = JavaText.indent(rest);
        int cut = -1;
        if (first && commentAt > lead && columns(rest.substring(0, commentAt).stripTrailing()) <= room
            && !rest.substring(0, commentAt).isBlank()) {
          cut = commentAt;
        }
        for (int i = rest.length() - 1; cut < 0 && i > lead; i--) {
          if (rest.charAt(i) == ' ' && columns(rest.substring(0, i)) <= room) {
            cut = i;
          }
        }
        if (cut < 0) { // no space to break at: break anywhere
          cut = lead + 1;
          while (cut < rest.length() && columns(rest.substring(0, cut + 1)) <= room) {
            cut++;
          }
          if (Character.isLowSurrogate(rest.charAt(cut)) && cut > lead + 1) {
            cut--;
          }
        }
        out.println(prefix + rest.substring(0, cut).stripTrailing());
        rest = continuation + rest.substring(cut).stripLeading();
        prefix = CONTINUED;
        first = false;
      }
      out.println(prefix + rest);
    }
  }

  /** How many terminal columns {@code text} takes: two for a wide (CJK) character. */
  static int columns(String text) {
    int columns = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      int type = Character.getType(c);
      if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
          || type == Character.FORMAT) {
        continue;
      }
      columns += isWide(c) ? 2 : 1;
    }
    return columns;
  }

  private static boolean isWide(int c) {
    return (c >= 0x1100 && c <= 0x115F)
        || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F)
        || (c >= 0xAC00 && c <= 0xD7A3)
        || (c >= 0xF900 && c <= 0xFAFF)
        || (c >= 0xFE30 && c <= 0xFE4F)
        || (c >= 0xFF00 && c <= 0xFF60)
        || (c >= 0xFFE0 && c <= 0xFFE6)
        || (c >= 0x1F300 && c <= 0x1F64F)
        || (c >= 0x1F900 && c <= 0x1F9FF)
        || (c >= 0x20000 && c <= 0x3FFFD);
  }

  /** The longest start of {@code text} that takes at most {@code columns} columns. */
  private static String cut(String text, int columns) {
    int end = 0;
    while (end < text.length()) {
      int next = end + Character.charCount(text.codePointAt(end));
      if (columns(text.substring(0, next)) > columns) {
        break;
      }
      end = next;
    }
    return text.substring(0, end);
  }
}
