package dev.asyncj.tests;

import static dev.asyncj.Asyncio.createTask;
import static dev.asyncj.Asyncio.currentTask;
import static dev.asyncj.Asyncio.done;
import static dev.asyncj.Asyncio.gather;
import static dev.asyncj.Asyncio.getRunningLoop;
import static dev.asyncj.Asyncio.openConnection;
import static dev.asyncj.Asyncio.sleep;
import static dev.asyncj.Asyncio.startServer;
import static dev.asyncj.Asyncio.toThread;
import static dev.asyncj.Asyncio.waitFor;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncj.Async;
import dev.asyncj.Asyncio;
import dev.asyncj.Await;
import dev.asyncj.CancelledError;
import dev.asyncj.Connection;
import dev.asyncj.Coroutine;
import dev.asyncj.Event;
import dev.asyncj.IncompleteReadError;
import dev.asyncj.LimitOverrunError;
import dev.asyncj.Server;
import dev.asyncj.StreamReader;
import dev.asyncj.StreamWriter;
import dev.asyncj.Task;
import dev.asyncj.TimeoutError;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * asyncio's streams on real sockets (127.0.0.1, the real clock): openConnection, startServer,
 * StreamReader's reads and their errors, drain's back-pressure, cancellation and timeouts of
 * pending reads, handlers cancelled or failing, and file descriptors. Nothing depends on timing:
 * peers meet on Events; every test has a generous time limit.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamsTest {
  final List<Object> log = new ArrayList<>();

  static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  static String text(byte[] b) {
    return new String(b, UTF_8);
  }

  static int portOf(Server server) {
    return server.sockets().get(0).getPort();
  }

  // ---- echo

  @Async
  static Coroutine<Void> echo(StreamReader reader, StreamWriter writer) throws IOException {
    while (true) {
      byte[] line = Await.of(reader.readline());
      if (line.length == 0) {
        break;
      }
      writer.write(line);
      Await.of(writer.drain());
    }
    writer.close();
    return done();
  }

  @Async
  Coroutine<Void> echoClient() throws IOException {
    Server server = Await.of(startServer(StreamsTest::echo, "127.0.0.1", 0));
    Connection c = Await.of(openConnection("127.0.0.1", portOf(server)));
    StreamWriter writer = c.writer();
    writer.write(bytes("hello\n"));
    writer.write(bytes("wor"));
    Await.of(writer.drain());
    log.add(text(Await.of(c.reader().readline())));
    writer.write(bytes("ld\n"));
    log.add(text(Await.of(c.reader().readline())));
    log.add(writer.getExtraInfo("peername").equals(server.sockets().get(0)));
    writer.writeEof();
    log.add(text(Await.of(c.reader().read())));
    log.add(c.reader().atEof());
    writer.close();
    Await.of(writer.waitClosed());
    server.close();
    Await.of(server.waitClosed());
    log.add(server.sockets().isEmpty());
    return done();
  }

  /** An echo server and client: lines go back and forth; half-close; both sides close cleanly. */
  @Test
  void echoServerAndClient() throws Exception {
    Asyncio.run(echoClient());
    assertEquals(List.of("hello\n", "world\n", true, "", true, true), log);
  }

  @Async
  Coroutine<Void> echoByName() throws IOException {
    Server server = Await.of(startServer(StreamsTest::echo, "localhost", 0));
    try (Connection c = Await.of(openConnection("localhost", portOf(server)))) {
      c.writer().write(bytes("by name\n"));
      log.add(text(Await.of(c.reader().readline())));
    }
    server.close();
    Await.of(server.waitClosed());
    return done();
  }

  /** Host names are looked up (off the loop's thread) on both sides. */
  @Test
  void hostNamesAreResolved() throws Exception {
    Asyncio.run(echoByName());
    assertEquals(List.of("by name\n"), log);
  }

  // ---- many connections at once

  static final int MANY = 1000;
  int arrived;
  int inFlight;
  int maxInFlight;

  @Async
  Coroutine<Void> patient(StreamReader reader, StreamWriter writer) throws IOException {
    byte[] request = Await.of(reader.readline());
    arrived++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    while (arrived < MANY) {
      Await.of(sleep(0.005)); // every handler sleeps until all have arrived: all are served at once
    }
    writer.write(("served " + text(request)).getBytes(UTF_8));
    Await.of(writer.drain());
    inFlight--;
    return done();
  }

  @Async
  static Coroutine<String> client(int port, int i) throws IOException {
    Connection c = Await.of(openConnection("127.0.0.1", port));
    c.writer().write(bytes(i + "\n"));
    String reply = text(Await.of(c.reader().readline()));
    c.close();
    Await.of(c.writer().waitClosed());
    return done(reply);
  }

  @Async
  Coroutine<List<String>> manyClients() throws IOException {
    Server server = Await.of(startServer(this::patient, "127.0.0.1", 0, 64 * 1024, 2048));
    List<Coroutine<String>> clients = new ArrayList<>();
    for (int i = 0; i < MANY; i++) {
      clients.add(client(portOf(server), i));
    }
    List<String> replies = Await.of(gather(clients));
    server.close();
    Await.of(server.waitClosed());
    return done(replies);
  }

  /** 1,000 connections, each handler awaiting sleep until all 1,000 are in: served together. */
  @Test
  void aThousandConnectionsAreServedTogether() throws Exception {
    List<String> replies = Asyncio.run(manyClients());
    assertEquals(MANY, replies.size());
    for (int i = 0; i < MANY; i++) {
      assertEquals("served " + i + "\n", replies.get(i));
    }
    assertEquals(MANY, maxInFlight);
  }

  // ---- back-pressure

  static final int CHUNK = 16 * 1024;
  static final int TOTAL = 8 * 1024 * 1024;
  long maxBuffered;
  int drainsThatWaited;
  final Event serverBlocked = new Event();

  @Async
  Coroutine<Void> flood(StreamReader reader, StreamWriter writer) throws IOException {
    byte[] chunk = new byte[CHUNK];
    for (int sent = 0; sent < TOTAL; sent += CHUNK) {
      writer.write(chunk);
      long buffered = writer.transport().getWriteBufferSize();
      maxBuffered = Math.max(maxBuffered, buffered);
      if (buffered > 64 * 1024) {
        drainsThatWaited++;
        serverBlocked.set(); // drain is about to wait: the client has not read yet
      }
      Await.of(writer.drain());
    }
    writer.close();
    return done();
  }

  @Async
  Coroutine<Integer> slowReader() throws IOException {
    Server server = Await.of(startServer(this::flood, "127.0.0.1", 0));
    Connection c = Await.of(openConnection("127.0.0.1", portOf(server)));
    Await.of(serverBlocked.await()); // read nothing until the server's drain waits
    int received = 0;
    ByteBuffer into = ByteBuffer.allocate(64 * 1024);
    while (true) {
      into.clear();
      int n = Await.of(c.reader().readInto(into));
      if (n < 0) {
        break;
      }
      received += n;
    }
    c.close();
    server.close();
    Await.of(server.waitClosed());
    return done(received);
  }

  /**
   * A reader that does not read: the writer's drain waits, and what the server buffers stays
   * under the high-water mark plus one write; all of it arrives once the client reads.
   */
  @Test
  void drainWaitsForASlowReaderAndMemoryStaysBounded() throws Exception {
    int received = Asyncio.run(slowReader());
    assertEquals(TOTAL, received);
    assertTrue(drainsThatWaited > 0, "drain never had to wait");
    assertTrue(maxBuffered <= 64 * 1024 + CHUNK, "buffered " + maxBuffered);
  }

  // ---- reads and their errors

  @Async
  static Coroutine<Void> sendThenClose(StreamWriter writer, byte[] data) throws IOException {
    writer.write(data);
    Await.of(writer.drain());
    writer.close();
    return done();
  }

  @Async
  Coroutine<Void> readErrors() throws IOException {
    Server server =
        Await.of(startServer(
            (r, w) -> sendThenClose(w, bytes("abc||defgh0123456789xyz")), "127.0.0.1", 0, 8, 100));
    Connection c = Await.of(openConnection("127.0.0.1", portOf(server), 8));
    StreamReader reader = c.reader();
    log.add(text(Await.of(reader.readuntil(bytes("||")))));
    log.add(text(Await.of(reader.readexactly(2))));
    try {
      Await.of(reader.readuntil(bytes("z")));
    } catch (LimitOverrunError e) {
      log.add("LimitOverrunError " + (e.consumed() > 8));
    }
    log.add(text(Await.of(reader.read(5))));
    try {
      Await.of(reader.readexactly(100));
    } catch (IncompleteReadError e) {
      log.add("IncompleteReadError " + text(e.partial()) + " " + e.expected());
    }
    log.add(text(Await.of(reader.read(10))));
    log.add(reader.atEof());
    c.close();
    server.close();
    Await.of(server.waitClosed());
    return done();
  }

  /** readuntil, readexactly, read; LimitOverrunError leaves the data; IncompleteReadError at EOF. */
  @Test
  void readsAndTheirErrors() throws Exception {
    Asyncio.run(readErrors());
    assertEquals(
        List.of("abc||", "de", "LimitOverrunError true", "fgh01", "IncompleteReadError 23456789xyz 100",
            "", true),
        log);
  }

  @Async
  Coroutine<Void> refused() throws IOException {
    int port;
    try (ServerSocketChannel probe = ServerSocketChannel.open()) {
      probe.bind(new InetSocketAddress("127.0.0.1", 0));
      port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
    }
    try {
      Await.of(openConnection("127.0.0.1", port));
    } catch (ConnectException e) {
      log.add("ConnectException");
    }
    return done();
  }

  /** A refused connection is the JDK's ConnectException (Python's ConnectionRefusedError). */
  @Test
  void aRefusedConnectionThrowsConnectException() throws Exception {
    Asyncio.run(refused());
    assertEquals(List.of("ConnectException"), log);
  }

  // ---- timeouts and cancellation keep the connection consistent

  final Event clientTimedOut = new Event();

  @Async
  Coroutine<Void> dribble(StreamReader reader, StreamWriter writer) throws IOException {
    writer.write(bytes("12345"));
    Await.of(clientTimedOut.await());
    writer.write(bytes("67890\n"));
    Await.of(reader.read(1)); // until the client closes
    return done();
  }

  @Async
  Coroutine<Void> timedOutRead() throws IOException {
    Server server = Await.of(startServer(this::dribble, "127.0.0.1", 0));
    Connection c = Await.of(openConnection("127.0.0.1", portOf(server)));
    try {
      Await.of(waitFor(c.reader().readexactly(10), 0.05));
    } catch (TimeoutError e) {
      log.add("timed out");
    }
    Task<byte[]> pending = createTask(c.reader().readline());
    Await.of(sleep(0));
    pending.cancel();
    try {
      Await.of(pending);
    } catch (CancelledError e) {
      log.add("cancelled");
    }
    clientTimedOut.set();
    log.add(text(Await.of(c.reader().readexactly(10))));
    log.add(text(Await.of(c.reader().readline())));
    c.close();
    server.close();
    Await.of(server.waitClosed());
    return done();
  }

  /**
   * A read that times out, and one that is cancelled, consume nothing: the next reads get every
   * byte, in order.
   */
  @Test
  void timedOutAndCancelledReadsLoseNoBytes() throws Exception {
    Asyncio.run(timedOutRead());
    assertEquals(List.of("timed out", "cancelled", "1234567890", "\n"), log);
  }

  // ---- handlers: cancelled, failing, clients vanishing

  final List<Task<?>> handlerTasks = new ArrayList<>();
  final Event handlerStarted = new Event();

  @Async
  Coroutine<Void> waitsForever(StreamReader reader, StreamWriter writer) throws IOException {
    handlerTasks.add(currentTask());
    handlerStarted.set();
    Await.of(reader.read(100));
    log.add("never");
    return done();
  }

  @Async
  Coroutine<Void> cancelHandler() throws IOException {
    Server server = Await.of(startServer(this::waitsForever, "127.0.0.1", 0));
    Connection c = Await.of(openConnection("127.0.0.1", portOf(server)));
    Await.of(handlerStarted.await());
    handlerTasks.get(0).cancel();
    byte[] rest = Await.of(c.reader().read());
    log.add("client read " + rest.length + " bytes, eof " + c.reader().atEof());
    c.close();
    server.close();
    Await.of(server.waitClosed());
    log.add(handlerTasks.get(0).cancelled());
    return done();
  }

  /** Cancelling a handler's task closes its connection: the client reads end of file. */
  @Test
  void cancellingAHandlerClosesItsConnection() throws Exception {
    Asyncio.run(cancelHandler());
    assertEquals(List.of("client read 0 bytes, eof true", true), log);
  }

  @Async
  Coroutine<Void> vanishingClients() throws IOException {
    Server server = Await.of(startServer(StreamsTest::echo, "127.0.0.1", 0));
    List<Map<String, Object>> reported = new ArrayList<>();
    getRunningLoop().setExceptionHandler((loop, context) -> reported.add(context));
    for (int i = 0; i < 20; i++) {
      Connection c = Await.of(openConnection("127.0.0.1", portOf(server)));
      c.writer().write(bytes("half a li"));
      Await.of(c.writer().drain());
      SocketChannel raw = (SocketChannel) c.writer().getExtraInfo("socket");
      if (i % 2 == 0) {
        raw.setOption(StandardSocketOptions.SO_LINGER, 0); // a reset, not a clean close
      }
      c.writer().transport().abort();
    }
    log.add(Await.of(client(portOf(server), 7)));
    server.close();
    Await.of(server.waitClosed());
    log.add(server.activeConnections());
    for (Map<String, Object> context : reported) {
      log.add(context.get("message")); // a reset is the handler's failure, reported
    }
    return done();
  }

  /**
   * Clients that vanish mid-line (closed, or reset): their handlers end, their connections are
   * closed, and the server goes on serving others.
   */
  @Test
  void clientsVanishingMidRequestDoNotStopTheServer() throws Exception {
    Asyncio.run(vanishingClients());
    assertEquals("7\n", log.get(0));
    assertEquals(0, log.get(1));
    for (Object message : log.subList(2, log.size())) {
      assertEquals("Unhandled exception in client_connected_cb", message);
    }
  }

  @Async
  Coroutine<Integer> wakeFromSelect() throws IOException {
    Server server = Await.of(startServer(StreamsTest::echo, "127.0.0.1", 0));
    // The loop now waits on its selector: another thread's result must wake it.
    int value = Await.of(toThread(() -> 42));
    server.close();
    Await.of(server.waitClosed());
    return done(value);
  }

  /** callSoonThreadsafe (here through toThread) wakes a loop waiting on its selector. */
  @Test
  void otherThreadsWakeALoopWaitingOnItsSelector() throws Exception {
    assertEquals(42, Asyncio.run(wakeFromSelect()));
  }

  // ---- file descriptors

  static int openFileDescriptors() {
    String[] fds = new File("/proc/self/fd").list();
    return fds == null ? -1 : fds.length;
  }

  @Async
  Coroutine<Void> busyNetworkSession() throws IOException {
    Server server = Await.of(startServer(StreamsTest::echo, "127.0.0.1", 0));
    for (int i = 0; i < 50; i++) {
      log.add(Await.of(client(portOf(server), i)));
    }
    Connection dropped = Await.of(openConnection("127.0.0.1", portOf(server)));
    dropped.writer().transport().abort();
    Task<Connection> abandoned = createTask(openConnection("127.0.0.1", portOf(server)));
    abandoned.cancel();
    try {
      Await.of(abandoned);
    } catch (CancelledError expected) {
      // a connect cancelled before it completes closes its socket
    }
    server.close();
    Await.of(server.waitClosed());
    return done();
  }

  /** After a session with servers, clients, aborts and a cancelled connect: no descriptor left. */
  @Test
  void noFileDescriptorLeaks() throws Exception {
    Asyncio.run(busyNetworkSession()); // warm up: class loading may open jars once
    int before = openFileDescriptors();
    if (before < 0) {
      return; // no /proc: not Linux
    }
    Asyncio.run(busyNetworkSession());
    Asyncio.run(busyNetworkSession());
    assertEquals(before, openFileDescriptors());
  }

  // ---- a reader on its own

  @Async
  Coroutine<Void> fedByHand() throws IOException {
    StreamReader reader = new StreamReader();
    reader.feedData(bytes("line one\nline"));
    log.add(text(Await.of(reader.readline())));
    Task<byte[]> next = createTask(reader.readline());
    Await.of(sleep(0));
    reader.feedData(bytes(" two\n"));
    reader.feedEof();
    log.add(text(Await.of(next)));
    log.add(text(Await.of(reader.readline())));
    log.add(reader.atEof());
    assertNull(reader.exception());
    return done();
  }

  /** A StreamReader fed by hand (feedData / feedEof), as asyncio's tests use it. */
  @Test
  void aReaderFedByHand() throws Exception {
    Asyncio.run(fedByHand());
    assertEquals(List.of("line one\n", "line two\n", "", true), log);
  }

  @Async
  Coroutine<Void> errorTypes() throws IOException {
    StreamReader reader = new StreamReader(4);
    reader.feedData(bytes("abcdefgh"));
    reader.feedEof();
    try {
      Await.of(reader.readuntil(bytes("z")));
    } catch (IOException e) {
      log.add("caught as an IOException: " + e);
    } catch (LimitOverrunError e) {
      log.add("LimitOverrunError " + e.consumed());
    }
    try {
      Await.of(reader.readexactly(100));
    } catch (UncheckedIOException e) {
      log.add(e instanceof IncompleteReadError incomplete
          ? "IncompleteReadError " + text(incomplete.partial()) + " " + incomplete.expected()
          : "another error: " + e);
      log.add(e.getCause() instanceof EOFException);
      log.add(e.getCause().getMessage().equals(e.getMessage()));
    }
    return done();
  }

  /**
   * The streams' own errors are unchecked, under asyncio's names: LimitOverrunError a
   * RuntimeException that an IOException handler does not catch (Python's subclasses Exception,
   * not OSError); IncompleteReadError an UncheckedIOException caused by an EOFException (Python's
   * subclasses EOFError). As CPython's test_streams.py test_readuntil_limit_found_sep and
   * test_readexactly_eof.
   */
  @Test
  void streamErrorsAreUncheckedUnderAsyncioNames() throws IOException {
    assertTrue(RuntimeException.class.isAssignableFrom(LimitOverrunError.class));
    assertFalse(IOException.class.isAssignableFrom(LimitOverrunError.class));
    assertTrue(UncheckedIOException.class.isAssignableFrom(IncompleteReadError.class));
    Asyncio.run(errorTypes());
    assertEquals(List.of("LimitOverrunError 8", "IncompleteReadError abcdefgh 100", true, true), log);
  }
}
