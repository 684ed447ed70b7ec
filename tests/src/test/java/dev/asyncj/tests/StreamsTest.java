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
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
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

  /** A default executor that counts the work the loop hands it (on the loop's thread). */
  static final class CountingExecutor extends ThreadPoolExecutor {
    int submitted;

    CountingExecutor() {
      super(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    }

    @Override
    public void execute(Runnable work) {
      submitted++;
      super.execute(work);
    }
  }

  @Async
  Coroutine<Void> echoByName() throws IOException {
    CountingExecutor executor = new CountingExecutor();
    getRunningLoop().setDefaultExecutor(executor);
    Server server = Await.of(startServer(StreamsTest::echo, "localhost", 0));
    log.add("lookups: " + executor.submitted);
    try (Connection c = Await.of(openConnection("localhost", portOf(server)))) {
      c.writer().write(bytes("by name\n"));
      log.add(text(Await.of(c.reader().readline())));
    }
    log.add("lookups: " + executor.submitted);
    try (Connection c = Await.of(openConnection("127.0.0.1", portOf(server)))) {
      c.writer().write(bytes("by number\n"));
      log.add(text(Await.of(c.reader().readline())));
    }
    log.add("lookups: " + executor.submitted); // a numeric address needs no lookup
    server.close();
    Await.of(server.waitClosed());
    return done();
  }

  /**
   * Host names are looked up on both sides, on the loop's default executor, never on the loop's
   * thread (asyncio runs getaddrinfo in its executor too); numeric addresses are not looked up.
   */
  @Test
  void hostNamesAreResolvedOffTheLoop() throws Exception {
    Asyncio.run(echoByName());
    assertEquals(
        List.of("lookups: 1", "by name\n", "lookups: 2", "by number\n", "lookups: 2"), log);
  }

  @Async
  Coroutine<Void> servingForever() throws IOException {
    Server server = Await.of(startServer(StreamsTest::echo, "127.0.0.1", 0));
    int port = portOf(server);
    Task<Void> forever = createTask(server.serveForever());
    log.add(Await.of(client(port, 1)));
    server.close(); // from elsewhere: serveForever ends with CancelledError
    try {
      Await.of(forever);
    } catch (CancelledError e) {
      log.add("serveForever cancelled by close, serving " + server.isServing());
    }

    Server second = Await.of(startServer(StreamsTest::echo, "127.0.0.1", 0));
    int secondPort = portOf(second);
    Task<Void> cancelled = createTask(second.serveForever());
    Connection open = Await.of(openConnection("127.0.0.1", secondPort));
    open.writer().write(bytes("still served\n"));
    log.add(text(Await.of(open.reader().readline())));
    Await.of(sleep(0));
    cancelled.cancel(); // serveForever closes the server, then waits for the open connection
    Await.of(sleep(0));
    log.add("after cancel: serving " + second.isServing() + ", done " + cancelled.done());
    try {
      Await.of(openConnection("127.0.0.1", secondPort));
    } catch (ConnectException e) {
      log.add("refused");
    }
    open.writer().write(bytes("bye\n"));
    log.add(text(Await.of(open.reader().readline())));
    open.close();
    try {
      Await.of(cancelled);
    } catch (CancelledError e) {
      log.add("serveForever cancelled, connections " + second.activeConnections());
    }
    return done();
  }

  /**
   * serveForever serves until the server is closed from elsewhere, or until its task is
   * cancelled: then it closes the server and waits for the connections still open.
   */
  @Test
  void serveForeverUntilClosedOrCancelled() throws Exception {
    Asyncio.run(servingForever());
    assertEquals(
        List.of("1\n", "serveForever cancelled by close, serving false", "still served\n",
            "after cancel: serving false, done false", "refused", "bye\n",
            "serveForever cancelled, connections 0"),
        log);
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

  final Event clientReadHello = new Event();

  @Async
  Coroutine<Void> helloThenReset(StreamReader reader, StreamWriter writer) throws IOException {
    writer.write(bytes("hello\n"));
    Await.of(writer.drain());
    Await.of(clientReadHello.await());
    SocketChannel raw = (SocketChannel) writer.getExtraInfo("socket");
    raw.setOption(StandardSocketOptions.SO_LINGER, 0); // closing now sends a reset (RST)
    writer.transport().abort();
    return done();
  }

  @Async
  Coroutine<Void> resetByPeer() throws IOException {
    Server server = Await.of(startServer(this::helloThenReset, "127.0.0.1", 0));
    Connection c = Await.of(openConnection("127.0.0.1", portOf(server)));
    log.add(text(Await.of(c.reader().readline())));
    clientReadHello.set();
    try {
      Await.of(c.reader().read(100)); // pending when the reset arrives
      log.add("read returned");
    } catch (SocketException e) {
      log.add("read: " + e.getMessage());
    }
    try {
      Await.of(c.reader().readline());
      log.add("readline returned");
    } catch (SocketException e) {
      log.add("readline: " + e.getMessage());
    }
    c.writer().write(bytes("to nobody\n")); // a closed transport drops it
    try {
      Await.of(c.writer().drain());
      log.add("drain returned");
    } catch (SocketException e) {
      log.add("drain: " + e.getMessage());
    }
    try {
      Await.of(c.writer().waitClosed());
      log.add("waitClosed returned");
    } catch (SocketException e) {
      log.add("waitClosed: " + e.getMessage());
    }
    log.add(c.writer().isClosing());
    server.close();
    Await.of(server.waitClosed());
    return done();
  }

  /**
   * A connection reset by the peer: the pending read, later reads, drain and waitClosed throw the
   * JDK's SocketException "Connection reset" (Python's ConnectionResetError); the data that came
   * before it was read.
   */
  @Test
  void aResetConnectionThrowsConnectionReset() throws Exception {
    Asyncio.run(resetByPeer());
    assertEquals(
        List.of("hello\n", "read: Connection reset", "readline: Connection reset",
            "drain: Connection reset", "waitClosed: Connection reset", true),
        log);
  }

  static final int PATTERN = 251;
  final Event writerGaveUp = new Event();
  long bytesSent;

  static void fillPattern(byte[] chunk, long offset) {
    for (int i = 0; i < chunk.length; i++) {
      chunk[i] = (byte) ((offset + i) % PATTERN);
    }
  }

  @Async
  Coroutine<Void> writerThatGivesUpWaiting(StreamReader reader, StreamWriter writer)
      throws IOException {
    byte[] chunk = new byte[CHUNK];
    // Write until the socket is full and the transport holds four times its high-water mark:
    // a drain must now wait for the client, which reads nothing until writerGaveUp.
    while (writer.transport().getWriteBufferSize() <= 4 * 64 * 1024) {
      fillPattern(chunk, bytesSent);
      writer.write(chunk);
      bytesSent += CHUNK;
    }
    try {
      Await.of(waitFor(writer.drain(), 0.05));
      log.add("drain returned");
    } catch (TimeoutError e) {
      log.add("drain timed out");
    }
    Task<Void> drain = createTask(writer.drain());
    Await.of(sleep(0));
    drain.cancel();
    try {
      Await.of(drain);
      log.add("drain returned");
    } catch (CancelledError e) {
      log.add("drain cancelled");
    }
    log.add("closing " + writer.isClosing());
    writerGaveUp.set();
    Await.of(writer.drain()); // returns once the client has read enough
    fillPattern(chunk, bytesSent);
    writer.write(chunk);
    bytesSent += CHUNK;
    Await.of(writer.drain());
    writer.close();
    return done();
  }

  @Async
  Coroutine<Void> drainsGiveUp() throws IOException {
    Server server = Await.of(startServer(this::writerThatGivesUpWaiting, "127.0.0.1", 0));
    Connection c = Await.of(openConnection("127.0.0.1", portOf(server)));
    Await.of(writerGaveUp.await());
    long received = 0;
    long misplaced = 0;
    ByteBuffer into = ByteBuffer.allocate(64 * 1024);
    while (true) {
      into.clear();
      int n = Await.of(c.reader().readInto(into));
      if (n < 0) {
        break;
      }
      for (int i = 0; i < n; i++) {
        if (into.get(i) != (byte) ((received + i) % PATTERN)) {
          misplaced++;
        }
      }
      received += n;
    }
    log.add("received all " + (received == bytesSent) + ", misplaced " + misplaced);
    c.close();
    server.close();
    Await.of(server.waitClosed());
    return done();
  }

  /**
   * A drain that times out, and one that is cancelled, while a slow reader holds the writer back:
   * the connection stays open and the buffered bytes are still sent, every one, in order.
   */
  @Test
  void timedOutAndCancelledDrainsLoseNoBytes() throws Exception {
    Asyncio.run(drainsGiveUp());
    assertEquals(
        List.of("drain timed out", "drain cancelled", "closing false",
            "received all true, misplaced 0"),
        log);
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

  /**
   * The process's open sockets, pipes and selectors (epoll, eventfd), by descriptor, or null without
   * /proc. Files are left out: the JVM opens some of its own now and then (it reads the cgroup's
   * memory limit, for one), which would make a count of every descriptor fail at random.
   */
  static Map<String, String> openFileDescriptors() {
    String[] fds = new File("/proc/self/fd").list();
    if (fds == null) {
      return null;
    }
    Map<String, String> open = new java.util.TreeMap<>();
    for (String fd : fds) {
      try {
        String target =
            java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd", fd)).toString();
        if (target.startsWith("socket:") || target.startsWith("pipe:") || target.startsWith("anon_inode:")) {
          open.put(fd, target);
        }
      } catch (IOException gone) {
        // the descriptor of the listing itself, closed by now
      }
    }
    return open;
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
    Map<String, String> before = openFileDescriptors();
    if (before == null) {
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

  @Async
  Coroutine<Void> longLines() throws IOException {
    StreamReader reader = new StreamReader(8);
    reader.feedData(bytes("0123456789abcdef\nshort\n0123456789"));
    try {
      Await.of(reader.readline());
      log.add("returned");
    } catch (IllegalArgumentException e) {
      log.add("ValueError: " + e.getMessage());
    }
    log.add(text(Await.of(reader.readline()))); // the long line was dropped, separator included
    try {
      Await.of(reader.readline());
      log.add("returned");
    } catch (IllegalArgumentException e) {
      log.add("ValueError: " + e.getMessage());
    }
    reader.feedData(bytes("end\n"));
    log.add(text(Await.of(reader.readline()))); // no separator was found: all of it was dropped
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

  /**
   * readline over the limit throws IllegalArgumentException (Python's ValueError) and drops the
   * line, as asyncio does; the next line reads normally.
   */
  @Test
  void readlineLongerThanTheLimit() throws Exception {
    Asyncio.run(longLines());
    assertEquals(
        List.of("ValueError: Separator is found, but chunk is longer than limit", "short\n",
            "ValueError: Separator is not found, and chunk exceed the limit", "end\n"),
        log);
  }
}
