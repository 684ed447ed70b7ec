package dev.asyncj.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The generated code itself, for a few representative methods, compared as text with golden files
 * under src/test/resources/goldens: every change to what a learner reads is then deliberate and
 * reviewed. (Everything else is tested by what the code does.) To accept a change, run with
 * {@code -Dasyncj.goldens=update} and review the diff of the golden files.
 */
class GeneratedSourceTest {
  private static final Path GOLDENS = Paths.get("src/test/resources/goldens");

  /** The tutorial's example, as a learner writes it. */
  @Test
  void theTutorialsDownloadExample() {
    Compilation compilation =
        compileWithoutWarnings(
            JavaFileObjects.forSourceString("tutorial.Download", tutorialSource()));
    assertMatchesGolden(compilation, "tutorial.Download$downloadFile");
    assertMatchesGolden(compilation, "tutorial.Download$printNumbers");
    assertMatchesGolden(compilation, "tutorial.Download$amain");
  }

  /** A loop around a try with an await, a catch and a finally; and a switch expression. */
  @Test
  void aLoopWithTryFinallyAndASwitchExpression() {
    Compilation compilation =
        compileWithoutWarnings(
            JavaFileObjects.forSourceString(
                "pages.Pages",
                """
                package pages;

                import dev.asyncj.*;
                import static dev.asyncj.Asyncio.*;
                import java.util.*;

                public class Pages {
                  @Async static Coroutine<String> fetch(String url) {
                    Await.of(sleep(1));
                    return done("<" + url + ">");
                  }

                  @Async static Coroutine<List<String>> fetchAll(List<String> urls) {
                    List<String> pages = new ArrayList<>();
                    for (String url : urls) {
                      try {
                        pages.add(Await.of(fetch(url)));
                      } catch (IllegalStateException e) {
                        System.out.println("failed: " + url);
                      } finally {
                        System.out.println("done: " + url);
                      }
                    }
                    return done(pages);
                  }

                  @Async static Coroutine<Integer> size(String kind) {
                    int bytes = switch (kind) {
                      case "small" -> 10;
                      case "page" -> Await.of(fetch(kind)).length();
                      default -> {
                        String page = Await.of(fetch(kind));
                        yield page.length() * 2;
                      }
                    };
                    return done(bytes);
                  }
                }
                """));
    assertMatchesGolden(compilation, "pages.Pages$fetchAll");
    assertMatchesGolden(compilation, "pages.Pages$size");
  }

  /** The tutorial's Download.java in a package, beside the goldens (the README's is the demo's). */
  static String tutorialSource() {
    try {
      return Files.readString(GOLDENS.resolve("tutorial.Download.java"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Compilation compileWithoutWarnings(JavaFileObject source) {
    Compilation compilation = TestPrograms.compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    return compilation;
  }

  private static void assertMatchesGolden(Compilation compilation, String qualifiedName) {
    String actual;
    try {
      actual =
          compilation.generatedSourceFile(qualifiedName).orElseThrow().getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path golden = GOLDENS.resolve(qualifiedName + ".java");
    try {
      if ("update".equals(System.getProperty("asyncj.goldens"))) {
        Files.createDirectories(golden.getParent());
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
      }
      assertWithMessage(
              "no golden file %s: run with -Dasyncj.goldens=update to write it, then review it",
              golden.toAbsolutePath())
          .that(Files.exists(golden))
          .isTrue();
      String expected = Files.readString(golden, StandardCharsets.UTF_8);
      assertWithMessage(
              "%s differs from its golden file %s; if the change is intended, run with"
                  + " -Dasyncj.goldens=update and review the diff",
              qualifiedName, golden)
          .that(actual)
          .isEqualTo(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
