package dev.asyncj.processor.differential;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import dev.asyncj.processor.differential.Node.Kind;
import org.junit.jupiter.api.Test;

/**
 * The differential test: random {@code @Async} programs ({@link ProgramGenerator}) compiled through
 * the processor and run on the runtime must print, line by line, what the same program prints
 * written synchronously and compiled by plain javac.
 *
 * <p>By default it runs the fixed CI seeds {@code 0 .. CI_SEEDS-1}. To run others:
 *
 * <pre>
 * mvn -B -pl processor -am verify -Dtest=DifferentialTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dasyncj.differential.seeds=2000 -Dasyncj.differential.start=1000
 * </pre>
 *
 * Other properties: {@code asyncj.differential.batch} (programs per javac run, default 20), {@code
 * asyncj.differential.threads} (batches at once, default the cores up to 4), {@code
 * asyncj.differential.list=3,17,42} (these seeds only),
 * {@code asyncj.differential.minimize=true} (shrink each failing program with {@link Reducer}), and
 * {@code asyncj.differential.print=<seed>} (print both variants of one seed, run nothing). Every
 * failure is written to {@code target/differential/} as the async program, the expected trace and
 * the actual one.
 */
class DifferentialTest {
  /**
   * Seeds run by {@code mvn verify}: well under a minute on two cores. On JDK 21 and later the
   * programs also hold Java 21 patterns and take about a third longer to compile, so fewer run
   * there, in about the same time.
   */
  static final int CI_SEEDS = ProgramGenerator.JAVA_21 ? 225 : 300;

  @Test
  void asyncProgramsPrintWhatTheirSyncTwinsPrint() {
    String print = System.getProperty("asyncj.differential.print");
    if (print != null) {
      Node p = ProgramGenerator.generate(Long.parseLong(print), "P" + print);
      System.out.println(Renderer.render(p, true));
      System.out.println(Renderer.render(p, false));
      return;
    }
    long start = Long.getLong("asyncj.differential.start", 0L);
    int seeds = Integer.getInteger("asyncj.differential.seeds", CI_SEEDS);
    int batch = Integer.getInteger("asyncj.differential.batch", 20);
    boolean minimize = Boolean.getBoolean("asyncj.differential.minimize");
    int threads = Integer.getInteger(
        "asyncj.differential.threads", Math.min(4, Runtime.getRuntime().availableProcessors()));

    List<Long> list = new ArrayList<>();
    String listed = System.getProperty("asyncj.differential.list");
    if (listed != null) {
      for (String s : listed.split(",")) {
        list.add(Long.parseLong(s.trim()));
      }
    } else {
      for (long seed = start; seed < start + seeds; seed++) {
        list.add(seed);
      }
    }
    seeds = list.size();

    if (Boolean.getBoolean("asyncj.differential.sizes")) {
      // lines of each async program, and of its methods alone
      List<Integer> all = new ArrayList<>();
      List<Integer> methods = new ArrayList<>();
      for (long seed : list) {
        String source = Renderer.render(ProgramGenerator.generate(seed, "P" + seed), true);
        all.add(source.split("\n").length);
        int from = source.indexOf("  @Async Coroutine");
        int to = source.lastIndexOf("static Coroutine<Integer> start(");
        methods.add(source.substring(from, to).split("\n").length);
      }
      all.sort(null);
      methods.sort(null);
      write(Path.of("target", "differential-sizes.txt"), "whole " + all + "\nmethods " + methods);
      return;
    }
    if (Boolean.getBoolean("asyncj.differential.stats")) {
      // how often each construct occurs in these seeds' programs
      java.util.TreeMap<String, Integer> counts = new java.util.TreeMap<>();
      for (long seed : list) {
        count(ProgramGenerator.generate(seed, "P" + seed), counts);
      }
      StringBuilder b = new StringBuilder();
      counts.forEach((k, v) -> b.append(String.format("%7d %s%n", v, k)));
      write(Path.of("target", "differential-stats.txt"), b.toString());
      return;
    }
    if (Boolean.getBoolean("asyncj.differential.profile")) {
      // javac time of each program alone, slowest first
      List<String> times = new ArrayList<>();
      for (long seed : list) {
        Node p = ProgramGenerator.generate(seed, "P" + seed);
        long t0 = System.nanoTime();
        Harness.run(List.of(p));
        times.add(String.format("%6.2f s  P%d", (System.nanoTime() - t0) / 1e9, seed));
      }
      times.sort(java.util.Comparator.reverseOrder());
      write(Path.of("target", "differential-profile.txt"), String.join("\n", times));
      return;
    }
    clean(Path.of("target", "differential"));
    long began = System.nanoTime();
    Map<Harness.Status, Integer> counts = new EnumMap<>(Harness.Status.class);
    int uncaught = 0;
    Map<String, Integer> endings = new java.util.TreeMap<>();
    long lines = 0;
    List<Harness.Outcome> failures = new ArrayList<>();
    // batches run in parallel: javac is most of the time, and each javac run is one thread
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    List<java.util.concurrent.Future<List<Harness.Outcome>>> results = new ArrayList<>();
    for (int from = 0; from < list.size(); from += batch) {
      List<Long> chunk = list.subList(from, Math.min(from + batch, list.size()));
      results.add(pool.submit(() -> {
        List<Node> programs = new ArrayList<>();
        for (long seed : chunk) {
          programs.add(ProgramGenerator.generate(seed, "P" + seed));
        }
        return Harness.run(programs);
      }));
    }
    pool.shutdown();
    for (java.util.concurrent.Future<List<Harness.Outcome>> result : results) {
      List<Harness.Outcome> outcomes;
      try {
        outcomes = result.get();
      } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
        throw new AssertionError("a batch failed", e);
      }
      for (Harness.Outcome o : outcomes) {
        counts.merge(o.status(), 1, Integer::sum);
        if (o.expected() != null) {
          lines += o.expected().lines().count();
          uncaught += o.expected().contains("| => uncaught") ? 1 : 0;
          java.util.regex.Matcher m = java.util.regex.Pattern.compile("=> uncaught ([\\w.$]+): (\\w+)").matcher(o.expected());
          while (m.find()) {
            endings.merge(m.group(1).replaceAll(".*[.$]", "") + (m.group(2).startsWith("out") ? " (fuel)" : ""), 1, Integer::sum);
          }
        }
        if (o.failed()) {
          failures.add(o);
          save(o, "seed" + o.program().attr(0).substring(1));
        }
      }
    }
    StringBuilder summary = new StringBuilder(String.format(
        "differential: %d programs (seeds %s) in %.1f s: %s%n",
        seeds, listed != null ? listed : start + ".." + (start + seeds - 1), (System.nanoTime() - began) / 1e9, counts));
    summary.append("  ").append(Harness.TIMING).append('\n');
    summary.append(String.format("  traces: %.1f lines on average; %d programs end with an uncaught exception%n",
        lines / (double) Math.max(1, seeds), uncaught));
    summary.append("  uncaught: ").append(endings).append('\n');
    for (Harness.Outcome o : failures) {
      summary.append("  ").append(o.program().attr(0)).append(' ').append(o.status()).append(": ")
          .append(firstLine(o.detail())).append('\n');
    }
    if (minimize) {
      for (Harness.Outcome o : failures) {
        Harness.Outcome small = Reducer.minimize(o);
        save(small, "seed" + o.program().attr(0).substring(1) + "-minimized");
        summary.append("\nminimized ").append(o.program().attr(0)).append(":\n").append(small.report());
      }
    }
    System.out.println(summary);
    write(Path.of("target", "differential", "summary.txt"), summary.toString());
    if (!failures.isEmpty()) {
      fail(failures.size() + " of " + seeds + " programs differ (reports in target/differential/):\n" + summary
          + "\nfirst:\n" + failures.get(0).report());
    }
  }

  private static void count(Node n, Map<String, Integer> counts) {
    String key = switch (n.kind()) {
      case LEAF, HELPER, CAST, THROW, SLEEP, FOREACH, DECL -> n.kind() + " " + n.attr(0);
      case SUPPLIER, PROGRAM -> n.kind() + " " + n.attr(1);
      case ASSIGN, INC, BIN -> n.kind() + " " + n.attr(0) + (n.type() == null ? "" : " " + n.type());
      case SWITCH -> n.kind() + " " + n.attr(0) + " " + n.attr(1);
      case SWITCH_EXPR -> n.kind() + " " + n.attr(0);
      case CATCH -> n.kind() + " " + n.attr(0);
      case RES -> n.kind() + (n.attr(1).isEmpty() ? " declared" : " reference");
      case FOR, WHILE, DO -> n.kind() + (n.attr(1).isEmpty() ? "" : " labelled");
      case BREAK, CONTINUE -> n.kind() + (n.attr(0).isEmpty() ? "" : " labelled");
      case TRY -> n.kind() + (n.kid(0).kids().isEmpty() ? "" : " with resources") + (n.kid(2).kids().isEmpty() ? "" : " catch")
          + (n.kid(3).is(Kind.NONE) ? "" : " finally");
      default -> n.kind().toString();
    };
    counts.merge(key, 1, Integer::sum);
    for (Node k : n.kids()) {
      count(k, counts);
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl) + " ...";
  }

  static void save(Harness.Outcome o, String name) {
    write(Path.of("target", "differential", name + ".txt"), o.report());
  }

  private static void clean(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.delete(f);
      }
    } catch (java.nio.file.NoSuchFileException e) {
      // nothing to clean
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path path, String text) {
    try {
      Files.createDirectories(path.getParent());
      Files.writeString(path, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
