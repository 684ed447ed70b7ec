package dev.asyncj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The Mermaid state diagram written next to each state machine with -Aasyncj.diagrams=true, read
 * back as a graph: its states, and the moves between them.
 */
class StateDiagramTest {
  /** A parsed diagram: state number to description, and "from -> to : label" moves. */
  record Diagram(Map<String, String> states, List<String> moves) {
    boolean has(String from, String to, String labelPart) {
      return moves.stream()
          .anyMatch(m -> m.startsWith(from + " -> " + to + " :") && m.contains(labelPart));
    }
  }

  private static final Pattern STATE = Pattern.compile("^\\s+(s\\d+) : (.*)$");
  private static final Pattern MOVE = Pattern.compile("^\\s+(s\\d+|\\[\\*\\]) --> (s\\d+|\\[\\*\\])(?: : (.*))?$");

  static Diagram parse(String mermaid) {
    assertThat(mermaid).contains("stateDiagram-v2\n");
    Map<String, String> states = new LinkedHashMap<>();
    List<String> moves = new ArrayList<>();
    for (String line : mermaid.split("\n")) {
      Matcher move = MOVE.matcher(line);
      Matcher state = STATE.matcher(line);
      if (move.matches()) {
        moves.add(move.group(1) + " -> " + move.group(2) + " :" + (move.group(3) == null ? "" : " " + move.group(3)));
      } else if (state.matches()) {
        states.put(state.group(1), state.group(2));
      } else {
        assertWithMessage("a line Mermaid would not read as a state or a move").that(line)
            .matches("(%%.*|stateDiagram-v2|)");
      }
    }
    return new Diagram(states, moves);
  }

  private static String diagram(Compilation compilation, String pkg, String name) {
    try {
      JavaFileObject file =
          compilation.generatedFile(StandardLocation.SOURCE_OUTPUT, pkg, name + ".mmd").orElseThrow();
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Compilation compile(String source) {
    return TestPrograms.compiler()
        .withOptions("-Aasyncj.diagrams=true")
        .compile(JavaFileObjects.forSourceString("test.Program", source));
  }

  @Test
  void aLoopThatAwaitsGoesRoundThroughItsAwait() {
    Compilation compilation =
        compile(
            """
            package test;

            import dev.asyncj.*;
            import static dev.asyncj.Asyncio.*;

            class Program {
              @Async static Coroutine<Void> printNumbers() {
                for (int i = 1; i <= 5; i++) {
                  System.out.println(i);
                  Await.of(sleep(1));
                }
                return done();
              }
            }
            """);
    Diagram diagram = parse(diagram(compilation, "test", "Program$printNumbers"));
    assertThat(diagram.states().keySet()).containsExactly("s0", "s1", "s2", "s3").inOrder();
    assertThat(diagram.states().get("s1")).contains("the loop condition");
    assertThat(diagram.moves()).contains("[*] -> s0 :");
    assertThat(diagram.has("s1", "s2", "await sleep(1) (may suspend)")).isTrue();
    assertThat(diagram.has("s2", "s1", "back to the loop condition")).isTrue();
    assertThat(diagram.has("s1", "s3", "leave the loop")).isTrue();
    assertThat(diagram.has("s3", "[*]", "return")).isTrue();
  }

  @Test
  void exceptionsGoToTheCatchAndTheFinally() {
    Compilation compilation =
        compile(
            """
            package test;

            import dev.asyncj.*;
            import static dev.asyncj.Asyncio.*;

            class Program {
              @Async static Coroutine<String> read() {
                try {
                  Await.of(sleep(1));
                  return done("read");
                } catch (IllegalStateException e) {
                  return done("failed");
                } finally {
                  System.out.println("closed");
                }
              }
            }
            """);
    Diagram diagram = parse(diagram(compilation, "test", "Program$read"));
    String tryState = find(diagram, "the try block");
    String catchState = find(diagram, "catch (IllegalStateException e)");
    String finallyState = find(diagram, "finally");
    assertThat(diagram.has(tryState, catchState, "throws IllegalStateException")).isTrue();
    assertThat(diagram.has(tryState, finallyState, "throws any exception")).isTrue();
    assertThat(diagram.has(catchState, finallyState, "return, through the finally")).isTrue();
    assertThat(diagram.has(finallyState, "[*]", "as the try was left")).isTrue();
  }

  /**
   * The README shows the diagrams of its tutorial's three methods, of its own Download.java (the
   * demo's, in the unnamed package), as the processor writes them today; {@code
   * -Dasyncj.goldens=update} rewrites them.
   */
  @Test
  void theReadmeShowsTheTutorialsDiagramsAsTheyAre() throws IOException {
    String download =
        Files.readString(Paths.get("../demo/src/main/java/Download.java"), StandardCharsets.UTF_8);
    Compilation compilation =
        TestPrograms.compiler()
            .withOptions("-Aasyncj.diagrams=true")
            .compile(JavaFileObjects.forSourceString("Download", download));
    Path readmeFile = Paths.get("../README.md");
    String readme = Files.readString(readmeFile, StandardCharsets.UTF_8);
    for (String method : List.of("downloadFile", "printNumbers", "amain")) {
      String generated = diagram(compilation, "", "Download$" + method);
      Diagram parsed = parse(generated);
      assertThat(parsed.moves()).contains("[*] -> s0 :");
      assertThat(parsed.moves().stream().anyMatch(m -> m.contains("(may suspend)"))).isTrue();
      String opening = "<!-- diagram: Download$" + method + " -->\n```mermaid\n";
      int from = readme.indexOf(opening);
      assertWithMessage("README.md has no diagram of %s, after %s", method, opening)
          .that(from)
          .isAtLeast(0);
      from += opening.length();
      int to = readme.indexOf("```\n", from);
      if ("update".equals(System.getProperty("asyncj.goldens"))) {
        readme = readme.substring(0, from) + generated + readme.substring(to);
        Files.writeString(readmeFile, readme, StandardCharsets.UTF_8);
        to = from + generated.length();
      }
      assertWithMessage(
              "README.md's diagram of %s is out of date; run with -Dasyncj.goldens=update"
                  + " (-Dtest=StateDiagramTest) to rewrite it, then review the diff",
              method)
          .that(readme.substring(from, to))
          .isEqualTo(generated);
    }
  }

  private static String find(Diagram diagram, String descriptionPart) {
    return diagram.states().entrySet().stream()
        .filter(e -> e.getValue().contains(descriptionPart))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no state with " + descriptionPart + " in " + diagram.states()));
  }
}
