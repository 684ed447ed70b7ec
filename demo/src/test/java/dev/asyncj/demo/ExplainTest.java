package dev.asyncj.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code explain}: each {@code @Async} method beside its state machine, state by state. The texts it
 * shows are checked against the files themselves: the examples' sources in src/main/java and the
 * sources the processor generated in target/generated-sources/annotations.
 */
class ExplainTest {
  static final Path SOURCES = Path.of("src/main/java/dev/asyncj/demo");
  static final Path GENERATED = Path.of("target/generated-sources/annotations/dev/asyncj/demo");
  static final Path GENERATED_UNNAMED = Path.of("target/generated-sources/annotations");

  /** A user's line quoted by explain: its number, the gutter, its text. */
  static final Pattern USER_LINE = Pattern.compile("^ {0,4}(\\d+) │ (.*)$");

  static final Pattern STATE = Pattern.compile("^── state (\\d+): .* ([^ ]+\\.java):([^─]+)$");

  final VirtualTime time = new VirtualTime();

  record Run(int status, Console console) {}

  Run demo(String... args) throws Exception {
    int[] status = new int[1];
    Console console = Console.capture(() -> status[0] = Demo.run(args, time.timing()));
    return new Run(status[0], console);
  }

  static String explain(int width, String... args) throws Exception {
    int[] status = new int[1];
    Console console = Console.capture(() -> status[0] = Explain.run(List.of(args), width));
    assertEquals(0, status[0], console.err);
    assertEquals("", console.err);
    return console.out;
  }

  @Test
  void asyncShowsEachMethodOfAsyncDownloadAndTheLoopsStatesInOrder() throws Exception {
    Run run = demo("explain", "async");

    assertEquals(0, run.status());
    assertEquals("", run.console().err);
    Map<String, List<String>> methods = methodSections(run.console().out);
    assertEquals(
        List.of("AsyncDownload$downloadFile", "AsyncDownload$printNumbers", "AsyncDownload$amain"),
        List.copyOf(methods.keySet()));

    List<String> source = Files.readAllLines(SOURCES.resolve("AsyncDownload.java"));
    int loop = lineOf(source, "for (int i = 1; i <= 5; i++) {", 0);
    int print = lineOf(source, "System.out.println(i);", loop);
    int await = lineOf(source, "Await.of(sleep(1));", print);
    int done = lineOf(source, "return done();", await);
    Map<Integer, List<Integer>> states = states(methods.get("AsyncDownload$printNumbers"));
    assertEquals(List.of(0, 1, 2, 3), List.copyOf(states.keySet()));
    assertEquals(List.of(loop), states.get(0), "state 0: i = 1");
    assertEquals(List.of(loop, print, await), states.get(1), "state 1: the condition, the body");
    assertEquals(List.of(await, loop), states.get(2), "state 2: after the await, i++");
    assertEquals(List.of(loop, done), states.get(3), "state 3: after the loop");

    String printNumbers = String.join("\n", methods.get("AsyncDownload$printNumbers"));
    assertTrue(printNumbers.contains("  int i;  — Local i of AsyncDownload.java:" + loop),
        printNumbers);
    assertTrue(printNumbers.contains(
        "── state 2: resumed after Await.of(sleep(1)) ─"), printNumbers);
    assertTrue(printNumbers.contains("─ AsyncDownload.java:" + await + ", " + loop + "\n"),
        printNumbers);
    assertTrue(printNumbers.contains("─ AsyncDownload.java:" + loop + "-" + await + "\n"),
        printNumbers);

    Map<Integer, List<Integer>> download = states(methods.get("AsyncDownload$downloadFile"));
    assertEquals(List.of(0, 1), List.copyOf(download.keySet()));
  }

  @Test
  void theLegendComesFirst() throws Exception {
    String out = explain(Explain.WIDTH, "async");

    int legend = out.indexOf("How to read it");
    assertTrue(legend >= 0, out);
    for (String word : List.of("state ", "SUSPENDED", "awaitedValue", "fields")) {
      int at = out.indexOf("\n  " + word, legend);
      assertTrue(at > legend && at < out.indexOf("════"), word + " in the legend:\n" + out);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {Explain.WIDTH, Explain.UNLIMITED})
  void everyCaseOfEveryGeneratedSourceAppearsExactlyOnce(int width) throws Exception {
    Map<String, List<String>> methods = methodSections(explain(width, "all"));

    List<Path> generated = generatedFiles();
    assertEquals(generated.size(), methods.size(), "one section per generated file: " + generated);
    for (Path file : generated) {
      String name = file.getFileName().toString().replace(".java", "");
      List<String> section = methods.get(name);
      assertTrue(section != null, name + " is explained");
      for (String label : labels(Files.readAllLines(file))) {
        // Wrapped at the width, a label keeps at least the code before its comment on its line.
        String start = width == Explain.UNLIMITED ? label : label.replaceFirst("\\s*//.*", "");
        long count =
            section.stream()
                .map(String::strip)
                .filter(line -> width == Explain.UNLIMITED
                    ? line.equals(start)
                    : line.equals(start) || line.startsWith(start + " //"))
                .count();
        assertEquals(1, count, name + ": " + label + "\n" + String.join("\n", section));
      }
    }
  }

  @Test
  void everyLineOfEachResumeIsShown() throws Exception {
    Map<String, List<String>> methods = methodSections(explain(Explain.UNLIMITED, "all"));

    for (Path file : generatedFiles()) {
      String name = file.getFileName().toString().replace(".java", "");
      assertShowsAllOfResume(Files.readString(file), methods.get(name), name);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {Explain.WIDTH, Explain.UNLIMITED})
  void theQuotedLinesAreTheSourceFilesLines(int width) throws Exception {
    String out = explain(width, "all");

    int quoted = 0;
    List<String> source = null;
    for (String line : out.lines().toList()) {
      Matcher example = Pattern.compile("^════ (\\w+): ").matcher(line);
      if (example.find()) {
        source = Files.readAllLines(sourceOf(Demo.find(example.group(1)).code()));
        continue;
      }
      Matcher user = USER_LINE.matcher(line);
      if (user.find()) {
        String original = source.get(Integer.parseInt(user.group(1)) - 1);
        String shown = user.group(2);
        if (width == Explain.UNLIMITED) {
          assertTrue(original.endsWith(shown), line + "\n is not\n" + original);
          assertEquals(original.strip(), shown.strip(), line);
        } else {
          assertTrue(original.strip().startsWith(shown.strip()), line + "\n is not\n" + original);
        }
        quoted++;
      }
    }
    assertTrue(quoted > 100, "lines quoted: " + quoted);
  }

  @Test
  void noLineIsWiderThanTheTerminal() throws Exception {
    for (String line : explain(Explain.WIDTH, "all").lines().toList()) {
      assertTrue(Explain.columns(line) <= Explain.WIDTH, Explain.columns(line) + ": " + line);
    }
  }

  @Test
  void allExplainsEveryExampleInOrder() throws Exception {
    String out = explain(Explain.WIDTH, "all");

    List<String> examples =
        out.lines()
            .filter(line -> line.startsWith("════ "))
            .map(line -> line.substring("════ ".length(), line.indexOf(':')))
            .toList();
    assertEquals(Demo.EXAMPLES.stream().map(Demo.Example::name).toList(), examples);
    assertTrue(out.contains("SyncDownload.java has no @Async method"), out);
    assertEquals(1, count(out, "How to read it"), "the legend once");
  }

  @Test
  void withoutAnExampleItListsThem() throws Exception {
    Run run = demo("explain");

    assertEquals(0, run.status());
    List<String> out = run.console().outLines();
    assertEquals("usage: java -jar demo/target/asyncj-demo.jar explain <example>|all", out.get(0));
    assertExamplesListed(out);
    assertTrue(out.contains("  async    AsyncDownload: downloadFile, printNumbers, amain"),
        run.console().out);
  }

  @Test
  void anUnknownExamplePrintsTheListAndExitsWithStatus2() throws Exception {
    Run run = demo("explain", "nope");

    assertEquals(2, run.status());
    assertEquals("", run.console().out);
    List<String> err = run.console().errLines();
    assertEquals("unknown example: nope", err.get(0));
    assertExamplesListed(err);
  }

  @Test
  void twoExamplesAtOnceAreAnError() throws Exception {
    Run run = demo("explain", "hello", "await");

    assertEquals(2, run.status());
    assertEquals("", run.console().out);
    assertEquals("one example at a time, got 2 arguments", run.console().errLines().get(0));
  }

  @Test
  void theDemosUsageMentionsExplain() throws Exception {
    Run run = demo("--help");

    assertTrue(
        run.console().out.contains("java -jar demo/target/asyncj-demo.jar explain [example|all]"),
        run.console().out);
  }

  /**
   * A try/catch/finally in a loop and a switch expression (copies of the processor's golden files
   * in src/test/resources/explain, with the source they were generated from): every case, of the
   * states and of the catch's dispatch, once; every line of resume(); the lines of each state.
   */
  @ParameterizedTest
  @ValueSource(strings = {"Pages$fetchAll", "Pages$size"})
  void aTryFinallyAndASwitchExpression(String name) throws Exception {
    String generated = resource("explain/" + name + ".java");
    List<String> source = resource("explain/Pages.java").lines().toList();
    StateMachineText machine = StateMachineText.parse(name + ".java", generated);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Explain.method(new Explain.Page(out, Explain.UNLIMITED),
        new JavaText(String.join("\n", source)), machine, 1, 1);
    List<String> shown = bytes.toString(StandardCharsets.UTF_8).lines().toList();

    for (String label : labels(generated.lines().toList())) {
      assertEquals(1, shown.stream().filter(line -> line.strip().equals(label)).count(), label);
    }
    assertShowsAllOfResume(generated, shown, name);
    for (String line : shown) {
      Matcher user = USER_LINE.matcher(line);
      if (user.find()) {
        assertEquals(source.get(Integer.parseInt(user.group(1)) - 1).strip(), user.group(2).strip());
      }
    }
    Map<Integer, List<Integer>> states = states(shown);
    assertEquals(machine.lines.length, states.size());
    if (name.equals("Pages$fetchAll")) {
      int tryLine = lineOf(source, "try {", 0);
      assertEquals(List.of(tryLine - 2, tryLine - 1), states.get(0), "pages = ..., the for-each");
      assertEquals(List.of(tryLine + 2, tryLine + 3, tryLine + 4), states.get(4), "the catch");
      assertEquals(List.of(tryLine + 4, tryLine + 5, tryLine + 6), states.get(5), "the finally");
    }
  }

  // ---- reading the output

  /** The output of each method, by the name of its state machine, in order. */
  static Map<String, List<String>> methodSections(String out) {
    Map<String, List<String>> sections = new LinkedHashMap<>();
    List<String> current = null;
    Pattern header = Pattern.compile("^━━ .* → class (\\S+), \\d+ states? ━");
    for (String line : out.lines().toList()) {
      Matcher method = header.matcher(line);
      if (method.find()) {
        current = new ArrayList<>();
        sections.put(method.group(1), current);
      } else if (line.startsWith("════ ")) {
        current = null;
      } else if (current != null) {
        current.add(line);
      }
    }
    return sections;
  }

  /**
   * The states of a method's output, in order: for each, the numbers of the user's lines shown
   * under its header, checked against the lines its header names.
   */
  static Map<Integer, List<Integer>> states(List<String> section) {
    Map<Integer, List<Integer>> states = new LinkedHashMap<>();
    List<Integer> current = null;
    String named = null;
    for (String line : section) {
      Matcher state = STATE.matcher(line);
      Matcher user = USER_LINE.matcher(line);
      if (state.find()) {
        current = new ArrayList<>();
        named = state.group(3);
        states.put(Integer.parseInt(state.group(1)), current);
      } else if (current != null && user.find()) {
        current.add(Integer.parseInt(user.group(1)));
      } else if (current != null && line.startsWith("      ↓")) {
        assertEquals(named, Explain.ranges(current), "the header names the lines shown");
        current = null;
      }
    }
    return states;
  }

  /** Each {@code case N:} line of a generated source, stripped. */
  static List<String> labels(List<String> generated) {
    return generated.stream()
        .map(String::strip)
        .filter(line -> line.matches("case \\d+:.*"))
        .toList();
  }

  /** Each line of the generated resume() is in the output, as often as in resume(). */
  static void assertShowsAllOfResume(String generated, List<String> shown, String name) {
    List<String> lines = generated.lines().toList();
    int from = -1;
    for (int i = 0; i < lines.size() && from < 0; i++) {
      if (lines.get(i).contains("Object resume()")) {
        from = i;
      }
    }
    assertTrue(from >= 0, name);
    int to = from;
    while (!lines.get(to).equals(lines.get(from).replaceAll("\\S.*", "}"))) {
      to++;
    }
    Map<String, Integer> needed = new HashMap<>();
    for (String line : lines.subList(from, to + 1)) {
      needed.merge(line.strip(), 1, Integer::sum);
    }
    Map<String, Integer> found = new HashMap<>();
    for (String line : shown) {
      found.merge(line.strip(), 1, Integer::sum);
    }
    needed.forEach((line, n) -> {
      if (found.getOrDefault(line, 0) < n) {
        fail(name + ": resume()'s line is shown " + found.getOrDefault(line, 0) + " times, not "
            + n + ": " + line + "\n" + String.join("\n", shown));
      }
    });
  }

  static void assertExamplesListed(List<String> lines) {
    for (Demo.Example example : Demo.EXAMPLES) {
      assertTrue(
          lines.stream().anyMatch(line -> line.startsWith(
              String.format("  %-8s %s: ", example.name(), example.code().getSimpleName()))),
          example.name() + " in\n" + String.join("\n", lines));
    }
    assertTrue(lines.stream().anyMatch(line -> line.startsWith("  all      ")), "all");
  }

  /** The generated sources of the demo's package and of the unnamed one (the README's Download). */
  static List<Path> generatedFiles() throws IOException {
    List<Path> list = new ArrayList<>();
    for (Path directory : List.of(GENERATED, GENERATED_UNNAMED)) {
      try (Stream<Path> files = Files.list(directory)) {
        files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(list::add);
      }
    }
    assertFalse(list.isEmpty(), "no generated sources in " + GENERATED.toAbsolutePath());
    return list;
  }

  /** The source file of an example's class in src/main/java. */
  static Path sourceOf(Class<?> code) {
    return Path.of("src/main/java", Explain.packagePath(code) + code.getSimpleName() + ".java");
  }

  /** The number (from 1) of the first line at or after line {@code after} that reads {@code text}. */
  static int lineOf(List<String> source, String text, int after) {
    for (int i = after; i < source.size(); i++) {
      if (source.get(i).strip().equals(text)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line " + text);
  }

  static String resource(String name) throws IOException {
    try (var in = ExplainTest.class.getClassLoader().getResourceAsStream(name)) {
      assertTrue(in != null, name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }
}
