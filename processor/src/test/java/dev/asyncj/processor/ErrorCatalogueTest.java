package dev.asyncj.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/errors.md, "Errors you may see", is generated from the catalogue of messages (Message.java):
 * every error the processor can report, with why and a short example of the fix. This test fails
 * when the page is out of date; {@code -Dasyncj.goldens=update} rewrites it.
 */
class ErrorCatalogueTest {
  private static final Path PAGE = Paths.get("../docs/errors.md");
  private static final Path README = Paths.get("../README.md");

  static String render() {
    StringBuilder page = new StringBuilder();
    page.append("# Errors you may see\n\n")
        .append("Every error the asyncj processor can report, as javac shows it at your line: what is")
        .append(" wrong, why it\ncannot work there, and what to write instead. (Generated from")
        .append(" `processor/src/main/java/dev/asyncj/processor/Message.java`;\n")
        .append("`mvn -B -pl processor -am verify -Dtest=ErrorCatalogueTest")
        .append(" -Dsurefire.failIfNoSpecifiedTests=false -Dasyncj.goldens=update`\nrewrites this")
        .append(" page.) `…` stands for the names javac fills in.\n");
    for (Message message : Message.values()) {
      page.append("\n## ").append(capitalised(message.title())).append("\n\n");
      page.append("> ").append(message.template().replace("%s", "…")).append('\n');
      if (message.example() != null) {
        page.append("\nFor example:\n\n```java\n").append(message.example()).append("\n```\n");
      }
    }
    return page.toString();
  }

  private static String capitalised(String text) {
    return text.startsWith("@") ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  @Test
  void theErrorsPageIsUpToDate() throws IOException {
    String expected = render();
    if ("update".equals(System.getProperty("asyncj.goldens"))) {
      Files.createDirectories(PAGE.getParent());
      Files.writeString(PAGE, expected, StandardCharsets.UTF_8);
    }
    assertWithMessage("docs/errors.md is missing: run with -Dasyncj.goldens=update to write it")
        .that(Files.exists(PAGE))
        .isTrue();
    assertWithMessage(
            "docs/errors.md is out of date with Message.java: run with -Dasyncj.goldens=update")
        .that(Files.readString(PAGE, StandardCharsets.UTF_8))
        .isEqualTo(expected);
  }

  /**
   * The README's table "What you can write in an @Async method" has one row per error about the
   * user's code, in the catalogue's order, its first column the error's title (code in backticks,
   * details in parentheses may follow): an error added to Message.java needs its row.
   */
  @Test
  void theReadmesTableOfRefusedConstructsHasARowPerError() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String header = "| Construct | Why | Instead |\n|---|---|---|\n";
    int from = readme.indexOf(header);
    assertWithMessage("README.md has no table starting with %s", header).that(from).isAtLeast(0);
    List<String> rows = new ArrayList<>();
    for (String line : readme.substring(from + header.length()).split("\n")) {
      if (!line.startsWith("| ")) {
        break;
      }
      String construct = line.substring(2, line.indexOf(" | ")).replace("`", "");
      rows.add(construct.replaceFirst(" \\(.*\\)$", ""));
    }
    List<String> titles = new ArrayList<>();
    for (Message message : Message.values()) {
      if (!isAboutTheCompilerOrAsyncj(message)) {
        titles.add(message.title());
      }
    }
    assertWithMessage(
            "README.md's table of refused constructs: one row per error of Message.java, in its"
                + " order, starting with its title")
        .that(rows)
        .containsExactlyElementsIn(titles)
        .inOrder();
  }

  private static boolean isAboutTheCompilerOrAsyncj(Message message) {
    return message == Message.INTERNAL_ERROR
        || message == Message.PATCH_FAILED
        || message == Message.NOT_JAVAC;
  }

  @Test
  void everyErrorAboutYourCodeGivesAnExample() {
    for (Message message : Message.values()) {
      if (!isAboutTheCompilerOrAsyncj(message)) {
        assertWithMessage("%s has no example", message).that(message.example()).isNotNull();
        assertWithMessage("%s's message", message)
            .that(message.format(new Object[20]))
            .contains(" For example: ");
      }
    }
  }
}
