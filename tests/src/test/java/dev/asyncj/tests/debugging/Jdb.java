package dev.asyncj.tests.debugging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Drives the JDK's command-line debugger, jdb, the way a person types into it. */
final class Jdb implements AutoCloseable {
  private final Process process;
  private final Writer input;
  private final StringBuffer output = new StringBuffer();
  private int consumed;

  private Jdb(Process process) {
    this.process = process;
    this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader =
        new Thread(
            () -> {
              try (InputStream in = process.getInputStream()) {
                byte[] buffer = new byte[4096];
                for (int n; (n = in.read(buffer)) > 0; ) {
                  output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
              } catch (IOException ignored) {
                // the process ended
              }
            },
            "jdb output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts jdb on {@code mainClass} with this JVM's class path; nothing runs until "run". */
  static Jdb launch(Class<?> mainClass) throws IOException {
    Path jdb = Paths.get(System.getProperty("java.home"), "bin", "jdb");
    Process process =
        new ProcessBuilder(
                jdb.toString(), "-classpath", System.getProperty("java.class.path"), mainClass.getName())
            .redirectErrorStream(true)
            .start();
    return new Jdb(process);
  }

  /** Types {@code command}, then waits until jdb prints {@code expected}; returns what it printed. */
  String send(String command, String expected) throws IOException, InterruptedException {
    input.write(command + "\n");
    input.flush();
    return expect(expected);
  }

  /** Waits (up to a minute) until jdb prints {@code expected}; returns all it printed meanwhile. */
  String expect(String expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (System.nanoTime() < deadline) {
      String all = output.toString();
      int at = all.indexOf(expected, consumed);
      if (at >= 0) {
        String printed = all.substring(consumed, at + expected.length());
        consumed = at + expected.length();
        return printed;
      }
      if (!process.isAlive() && output.length() == all.length()) {
        break;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("jdb did not print \"" + expected + "\"; it printed:\n" + output);
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
