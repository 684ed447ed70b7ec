package dev.asyncj.web;

import static dev.asyncj.Asyncio.createTask;
import static dev.asyncj.Asyncio.done;
import static dev.asyncj.Asyncio.gather;
import static dev.asyncj.Asyncio.openConnection;
import static dev.asyncj.Asyncio.sleep;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.asyncj.Async;
import dev.asyncj.Asyncio;
import dev.asyncj.Await;
import dev.asyncj.Connection;
import dev.asyncj.Coroutine;
import dev.asyncj.Event;
import dev.asyncj.Task;
import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The HTTP server on real sockets (127.0.0.1, a free port): the tutorial's endpoint, keep-alive,
 * bodies, errors and limits, concurrency, clients that vanish, timeouts, graceful shutdown, file
 * descriptors. The clients are asyncj streams writing raw HTTP, so every byte on the wire is the
 * test's choice. Nothing depends on timing; every test has a time limit.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebServerTest {
  final List<Object> log = new ArrayList<>();

  /** A response as the test client read it. */
  record Reply(int status, Map<String, String> headers, String body) {}

  static byte[] ascii(String s) {
    return s.getBytes(ISO_8859_1);
  }

  static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n";
  }

  /** Reads one response: status line, headers, and a Content-Length body. */
  @Async
  static Coroutine<Reply> readReply(Connection c) throws IOException {
    byte[] head = Await.of(c.reader().readuntil(ascii("\r\n\r\n")));
    String[] lines = new String(head, ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    String length = headers.get("content-length");
    byte[] body = Await.of(c.reader().readexactly(length == null ? 0 : Integer.parseInt(length)));
    return done(new Reply(status, headers, new String(body, UTF_8)));
  }

  /** Sends {@code raw} on a new connection and reads one response. */
  @Async
  static Coroutine<Reply> exchange(int port, String raw) throws IOException {
    Connection c = Await.of(openConnection("127.0.0.1", port));
    try {
      c.writer().write(ascii(raw));
      return done(Await.of(readReply(c)));
    } finally {
      c.close();
    }
  }

  @Async
  static Coroutine<WebServer> start(App app, Settings settings) throws IOException {
    return done(Await.of(app.serve("127.0.0.1", 0, settings)));
  }

  // ---- the tutorial's endpoint, keep-alive, bodies

  @Async
  Coroutine<Void> basics() throws IOException {
    WebServer server = Await.of(start(Main.app(), new Settings()));
    int port = server.port();
    Reply hello = Await.of(exchange(port, get("/")));
    log.add(hello.status());
    log.add(hello.body());
    log.add(hello.headers().get("content-type"));

    Connection c = Await.of(openConnection("127.0.0.1", port));
    c.writer().write(ascii(get("/") + get("/sleep?seconds=0")));  // two requests in one write
    log.add(Await.of(readReply(c)).status());
    log.add(Await.of(readReply(c)).body());
    c.writer().write(ascii("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
        + "Content-Length: 11\r\n\r\n{\"a\":[1,2]}"));
    log.add(Await.of(readReply(c)).body());
    c.writer().write(ascii("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5\r\n{\"b\":\r\n4\r\ntrue\r\n1\r\n}\r\n0\r\n\r\n"));
    log.add(Await.of(readReply(c)).body());
    c.writer().write(ascii("HEAD / HTTP/1.1\r\nHost: t\r\n\r\n"));
    Reply head = Await.of(readReplyHead(c));
    log.add(head.status() + " " + head.body().isEmpty());
    c.writer().write(ascii("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"));
    Reply last = Await.of(readReply(c));
    log.add(last.headers().get("connection"));
    log.add(Await.of(c.reader().read()).length); // the server closed the connection
    c.close();
    Await.of(server.shutdown());
    return done();
  }

  /** A HEAD response has a Content-Length but no body. */
  @Async
  static Coroutine<Reply> readReplyHead(Connection c) throws IOException {
    byte[] head = Await.of(c.reader().readuntil(ascii("\r\n\r\n")));
    String status = new String(head, ISO_8859_1).split(" ")[1];
    return done(new Reply(Integer.parseInt(status), Map.of(), ""));
  }

  /**
   * GET / answers the tutorial's JSON; keep-alive with pipelined requests; Content-Length and
   * chunked bodies; HEAD; Connection: close.
   */
  @Test
  void theTutorialEndpointKeepAliveAndBodies() throws Exception {
    Asyncio.run(basics());
    assertEquals(
        List.of(200, "{\"message\":\"Hello, async world!\"}", "application/json", 200,
            "{\"message\":\"Hello, async world!\",\"slept\":0.0}", "{\"a\":[1,2]}",
            "{\"b\":true}", "200 true", "close", 0),
        log);
  }

  // ---- errors and limits

  static App failing() {
    return Main.app()
        .get("/boom", r -> { throw new IllegalStateException("boom"); })
        .get("/teapot", r -> { throw new HttpError(418, "I'm a teapot"); });
  }

  @Async
  Coroutine<Void> errors() throws IOException {
    Settings settings = new Settings().maxRequestLine(200).maxHeaderBytes(1024).maxBodyBytes(100);
    WebServer server = Await.of(start(failing(), settings));
    Asyncio.getRunningLoop().setExceptionHandler((loop, context) -> log.add("reported"));
    int port = server.port();
    String[] requests = {
      get("/nowhere"),
      "DELETE / HTTP/1.1\r\nHost: t\r\n\r\n",
      "GARBAGE\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: t\r\nBad Header\r\n\r\n",
      "GET / HTTP/1.1\r\n\r\n",
      "GET /" + "a".repeat(300) + " HTTP/1.1\r\nHost: t\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + "b".repeat(2000) + "\r\n\r\n",
      "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\n",
      "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n80\r\n" + "c".repeat(128) + "\r\n0\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
      get("/boom"),
      get("/teapot"),
    };
    for (String request : requests) {
      Reply reply = Await.of(exchange(port, request));
      log.add(reply.status());
    }
    log.add(Await.of(exchange(port, get("/"))).body()); // and it still serves
    Await.of(server.shutdown());
    return done();
  }

  /**
   * 404, 405, 400 for malformed requests, 414 for a long request line, 431 for large headers, 413
   * for a large body, 500 for an endpoint that fails (reported), an endpoint's own status; the
   * server goes on serving.
   */
  @Test
  void malformedAndOversizedRequestsGetErrorsAndTheServerGoesOn() throws Exception {
    Asyncio.run(errors());
    assertEquals(
        List.of(404, 405, 400, 400, 400, 414, 431, 413, 413, 400, "reported", 500, 418,
            "{\"message\":\"Hello, async world!\"}"),
        log);
  }

  // ---- concurrency

  static final int MANY = 1000;
  int arrived;
  int maxInFlight;
  int inFlight;

  @Async
  Coroutine<Map<String, Object>> patient() {
    arrived++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    while (arrived < MANY) {
      Await.of(sleep(0.005));
    }
    inFlight--;
    return done(Map.of("ok", true));
  }

  @Async
  Coroutine<Integer> concurrent() throws IOException {
    WebServer server = Await.of(start(new App().get("/wait", this::patient), new Settings()));
    List<Coroutine<Reply>> clients = new ArrayList<>();
    for (int i = 0; i < MANY; i++) {
      clients.add(exchange(server.port(), get("/wait")));
    }
    List<Reply> replies = Await.of(gather(clients));
    int ok = 0;
    for (Reply reply : replies) {
      ok += reply.status() == 200 ? 1 : 0;
    }
    Await.of(server.shutdown());
    return done(ok);
  }

  /** 1,000 requests whose endpoint awaits sleep until all 1,000 are in: all are served together. */
  @Test
  void requestsAreServedConcurrently() throws Exception {
    assertEquals(MANY, Asyncio.run(concurrent()));
    assertEquals(MANY, maxInFlight);
  }

  // ---- clients that vanish, timeouts

  @Async
  Coroutine<Void> vanishing() throws IOException {
    WebServer server = Await.of(start(Main.app(), new Settings()));
    int port = server.port();
    String[] partial = {
      "GET / HT",
      "GET / HTTP/1.1\r\nHost: t\r\n",
      "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n{\"a\":",
      "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc",
    };
    for (int i = 0; i < 2 * partial.length; i++) {
      Connection c = Await.of(openConnection("127.0.0.1", port));
      c.writer().write(ascii(partial[i % partial.length]));
      Await.of(c.writer().drain());
      if (i % 2 == 0) {
        SocketChannel raw = (SocketChannel) c.writer().getExtraInfo("socket");
        raw.setOption(StandardSocketOptions.SO_LINGER, 0); // a reset
      }
      c.writer().transport().abort();
    }
    // A slow request in flight, whose client vanishes before the answer.
    Connection slow = Await.of(openConnection("127.0.0.1", port));
    slow.writer().write(ascii(get("/sleep?seconds=0.05")));
    Await.of(slow.writer().drain());
    slow.writer().transport().abort();
    log.add(Await.of(exchange(port, get("/"))).status());
    for (int i = 0; i < 2000 && server.activeConnections() > 0; i++) {
      Await.of(sleep(0.01)); // the server notices each vanished client
    }
    log.add(server.activeConnections());
    Await.of(server.shutdown());
    return done();
  }

  /** Clients that vanish mid-request (closed or reset) end their connections; others are served. */
  @Test
  void abruptDisconnectsMidRequest() throws Exception {
    Asyncio.run(vanishing());
    assertEquals(List.of(200, 0), log);
  }

  @Async
  Coroutine<Void> timeouts() throws IOException {
    Settings settings = new Settings().keepAliveTimeout(0.1).requestTimeout(0.1);
    WebServer server = Await.of(start(Main.app(), settings));
    int port = server.port();
    Connection idle = Await.of(openConnection("127.0.0.1", port));
    log.add("idle: " + Await.of(idle.reader().read()).length); // closed without a word
    idle.close();

    Connection slow = Await.of(openConnection("127.0.0.1", port));
    slow.writer().write(ascii("GET / HTTP/1.1\r\nHost: t\r\n")); // and never the end
    log.add("slow: " + Await.of(readReply(slow)).status());
    log.add("then: " + Await.of(slow.reader().read()).length);
    slow.close();

    Connection kept = Await.of(openConnection("127.0.0.1", port));
    kept.writer().write(ascii(get("/")));
    log.add("kept: " + Await.of(readReply(kept)).status());
    log.add("kept then: " + Await.of(kept.reader().read()).length); // closed after keep-alive
    kept.close();
    Await.of(server.shutdown());
    return done();
  }

  /**
   * An idle connection is closed after the keep-alive timeout; a client that does not finish its
   * request gets 408 and is closed.
   */
  @Test
  void idleAndSlowClientsAreTimedOut() throws Exception {
    Asyncio.run(timeouts());
    assertEquals(List.of("idle: 0", "slow: 408", "then: 0", "kept: 200", "kept then: 0"), log);
  }

  static final int BIG = 64 * 1024 * 1024; // more than the socket buffers of both sides hold

  @Async
  Coroutine<Void> clientThatDoesNotRead() throws IOException {
    byte[] big = new byte[BIG];
    App app = new App().get("/big", r -> Asyncio.sleep(0, Response.of(200, "application/octet-stream", big)));
    WebServer server = Await.of(start(app, new Settings().writeTimeout(0.1)));
    Connection c = Await.of(openConnection("127.0.0.1", server.port()));
    c.writer().write(ascii(get("/big")));
    for (int i = 0; i < 2000 && server.activeConnections() == 0; i++) {
      Await.of(sleep(0.01)); // until the server has the request
    }
    for (int i = 0; i < 2000 && server.activeConnections() > 0; i++) {
      Await.of(sleep(0.01)); // until it gives up on a client that reads nothing
    }
    log.add("given up: " + (server.activeConnections() == 0));
    long received = 0;
    ByteBuffer into = ByteBuffer.allocate(64 * 1024);
    try {
      while (true) {
        into.clear();
        int n = Await.of(c.reader().readInto(into));
        if (n < 0) {
          break;
        }
        received += n;
      }
    } catch (IOException reset) {
      // dropped with bytes unread on either side: a reset
    }
    log.add("received less than the response: " + (received < BIG));
    c.close();
    Await.of(server.shutdown());
    return done();
  }

  /**
   * A client that sends a request and never reads the answer: after the write timeout the server
   * drops the connection and the rest of the response, rather than holding them for ever.
   */
  @Test
  void aClientThatDoesNotReadIsDroppedAfterTheWriteTimeout() throws Exception {
    Asyncio.run(clientThatDoesNotRead());
    assertEquals(List.of("given up: true", "received less than the response: true"), log);
  }

  // ---- graceful shutdown

  final Event inEndpoint = new Event();

  @Async
  Coroutine<Map<String, String>> slowHello() {
    inEndpoint.set();
    Await.of(sleep(0.1));
    return done(Map.of("message", "finished"));
  }

  @Async
  Coroutine<Void> graceful() throws IOException {
    WebServer server = Await.of(start(new App().get("/slow", this::slowHello), new Settings()));
    int port = server.port();
    Connection idle = Await.of(openConnection("127.0.0.1", port));
    idle.writer().write(ascii(get("/nowhere")));
    Await.of(readReply(idle)); // now an idle keep-alive connection
    Task<Reply> inFlight = createTask(exchange(port, get("/slow")));
    Await.of(inEndpoint.await());
    Task<Void> shutdown = createTask(server.shutdown());
    Await.of(sleep(0));
    log.add("idle closed: " + Await.of(idle.reader().read()).length);
    idle.close();
    try {
      Await.of(openConnection("127.0.0.1", port));
      log.add("new connection accepted");
    } catch (ConnectException e) {
      log.add("new connection refused");
    }
    Reply reply = Await.of(inFlight);
    log.add(reply.body() + " " + reply.headers().get("connection"));
    Await.of(shutdown);
    log.add(server.activeConnections());
    return done();
  }

  /**
   * A graceful shutdown stops accepting, closes idle connections, lets the request in flight
   * finish (with Connection: close), then ends.
   */
  @Test
  void gracefulShutdownLetsInFlightRequestsFinish() throws Exception {
    Asyncio.run(graceful());
    assertEquals(
        List.of("idle closed: 0", "new connection refused", "{\"message\":\"finished\"} close", 0),
        log);
  }

  // ---- file descriptors

  /**
   * The process's open sockets, pipes and selectors (epoll, eventfd), by descriptor, or null without
   * /proc. Files are left out: the JVM opens some of its own now and then (it reads the cgroup's
   * memory limit, for one), which made a count of every descriptor fail at random.
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
  Coroutine<Void> session() throws IOException {
    WebServer server = Await.of(start(Main.app(), new Settings()));
    for (int i = 0; i < 20; i++) {
      Await.of(exchange(server.port(), get("/")));
      Await.of(exchange(server.port(), "GARBAGE\r\n\r\n"));
    }
    Connection vanished = Await.of(openConnection("127.0.0.1", server.port()));
    vanished.writer().write(ascii("GET / HT"));
    vanished.writer().transport().abort();
    Connection idle = Await.of(openConnection("127.0.0.1", server.port()));
    Await.of(server.shutdown());
    idle.close();
    return done();
  }

  /** A server's whole life, with errors and vanished clients, leaves no descriptor open. */
  @Test
  void noFileDescriptorLeaks() throws Exception {
    Asyncio.run(session()); // warm-up: classes and jars are opened once
    Map<String, String> before = openFileDescriptors();
    if (before == null) {
      return;
    }
    Asyncio.run(session());
    Asyncio.run(session());
    assertEquals(before, openFileDescriptors());
  }
}
