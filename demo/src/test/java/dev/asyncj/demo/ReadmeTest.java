package dev.asyncj.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's tutorial example and its walk through the generated code are the demo's own: the
 * {@code Download.java} it shows beside the Python is src/main/java/Download.java, and the "Read
 * the generated code" section shows what {@code explain download} prints for it. Each README block
 * follows a marker comment ({@code <!-- explain download: downloadFile -->}); with {@code
 * -Dasyncj.goldens=update} this test rewrites the blocks from the demo.
 */
class ReadmeTest {
  static final Path README = Path.of("../README.md");
  static final Path DOWNLOAD = Path.of("src/main/java/Download.java");

  /** The command that rewrites the README's blocks from the demo. */
  static final String UPDATE =
      "mvn -B -q verify -pl demo -am -Dtest=ReadmeTest -Dsurefire.failIfNoSpecifiedTests=false"
          + " -Dasyncj.goldens=update";

  @Test
  void theReadmeShowsDownloadJavaAsItIs() throws IOException {
    assertReadmeBlock(
        "<!-- the file demo/src/main/java/Download.java -->",
        "```java",
        Files.readString(DOWNLOAD, StandardCharsets.UTF_8),
        "Download.java beside the Python");
  }

  @Test
  void theReadmeWalksThroughWhatExplainPrints() throws Exception {
    Map<String, String> methods = explainedMethods("download");
    assertEquals(List.of("downloadFile", "printNumbers", "amain"), List.copyOf(methods.keySet()));
    for (String method : List.of("downloadFile", "printNumbers")) {
      assertReadmeBlock(
          "<!-- explain download: " + method + " -->",
          "```text",
          methods.get(method),
          "'explain download' output for " + method + "()");
    }
  }

  /**
   * What {@code explain <example>} prints at its usual width, for each {@code @Async} method: from
   * its {@code ━━} heading to the end of its last state.
   */
  static Map<String, String> explainedMethods(String example) throws Exception {
    String out = ExplainTest.explain(Explain.WIDTH, example);
    Map<String, String> methods = new LinkedHashMap<>();
    List<String> current = null;
    String name = null;
    for (String line : out.lines().toList()) {
      if (line.startsWith("━━ ")) {
        put(methods, name, current);
        name = line.replaceFirst("^━━ (\\d+/\\d+ )?\\S+\\.(\\w+)\\(.*$", "$2");
        current = new ArrayList<>();
      }
      if (current != null) {
        current.add(line);
      }
    }
    put(methods, name, current);
    return methods;
  }

  private static void put(Map<String, String> methods, String name, List<String> lines) {
    if (name == null) {
      return;
    }
    while (lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    methods.put(name, String.join("\n", lines) + "\n");
  }

  /**
   * Asserts that the README block opened by {@code fence} on the line after {@code marker}, up to
   * the next line {@code ```}, reads {@code expected}; first rewrites it with {@code
   * -Dasyncj.goldens=update}.
   */
  static void assertReadmeBlock(String marker, String fence, String expected, String what)
      throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String opening = marker + "\n" + fence + "\n";
    int start = readme.indexOf(opening);
    assertTrue(start >= 0, "README.md has no block after " + marker + " opened by " + fence);
    int from = start + opening.length();
    int to = readme.indexOf("\n```\n", from - 1) + 1;
    assertTrue(to > 0, "README.md's block after " + marker + " is not closed");
    if ("update".equals(System.getProperty("asyncj.goldens"))) {
      readme = readme.substring(0, from) + expected + readme.substring(to);
      Files.writeString(README, readme, StandardCharsets.UTF_8);
      to = from + expected.length();
    }
    assertEquals(
        expected,
        readme.substring(from, to),
        "README.md's " + what + " is out of date with the demo; to rewrite it, run " + UPDATE
            + " and review the diff");
  }
}
