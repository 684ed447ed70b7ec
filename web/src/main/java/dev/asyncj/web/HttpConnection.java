package dev.asyncj.web;

import static dev.asyncj.Asyncio.done;

import dev.asyncj.Async;
import dev.asyncj.Asyncio;
import dev.asyncj.Await;
import dev.asyncj.CancelledError;
import dev.asyncj.Coroutine;
import dev.asyncj.EventLoop;
import dev.asyncj.StreamReader;
import dev.asyncj.StreamWriter;
import dev.asyncj.Task;
import dev.asyncj.TimerHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;

/**
 * One HTTP/1.1 connection: reads requests from the {@link StreamReader}, parses them with Jetty's
 * {@link HttpParser} (a push parser: it takes whatever bytes have arrived and calls back), runs
 * the endpoint, writes the response on the {@link StreamWriter}, and loops while the connection is
 * kept alive. The loop is one {@code @Async} method, {@link #serve()}.
 *
 * <p>Timeouts cost no timer per request: one watchdog timer per connection looks at the phase and
 * its deadline when it fires and re-arms itself for the current deadline (a connection that is
 * busy is checked at most once per timeout period; a deadline closer than the timer, such as a
 * short write timeout, moves it). A connection past its deadline has its task cancelled; {@link
 * #serve()} catches that and answers 408 if a request was half received, or drops the connection
 * and its unsent bytes if the client stopped reading its response.
 */
final class HttpConnection implements HttpParser.RequestHandler {
  // Phases of the connection, for the watchdog.
  private static final int IDLE = 0; // between requests (keep-alive timeout)
  private static final int READING = 1; // a request has begun (request timeout)
  private static final int HANDLING = 2; // the endpoint runs (no timeout)
  private static final int WRITING = 3; // the response waits for the client (write timeout)
  private static final int DONE = 4;

  private static final byte[] EMPTY = new byte[0];
  /** The size of the server's response buffer: a head and a small body. */
  static final int RESPONSE_BUFFER = 4 * 1024;
  /** A body larger than this is written from its own array, after the head. */
  private static final int LARGE_BODY = 16 * 1024;
  private static final byte[] CONTINUE = ascii("HTTP/1.1 100 Continue\r\n\r\n");
  private static final byte[] SERVER = ascii("server: asyncj\r\n");
  private static final byte[] DATE = ascii("date: ");
  private static final byte[] CONTENT_TYPE = ascii("content-type: ");
  private static final byte[] CONTENT_LENGTH = ascii("content-length: ");
  private static final byte[] CLOSE = ascii("connection: close\r\n");
  private static final byte[] CRLF = ascii("\r\n");
  private static final byte[] JSON = ascii("application/json");
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  /** The date header's value, made once a second for every connection of the process. */
  private static volatile DateLine dateLine = new DateLine(-1, EMPTY);

  private record DateLine(long second, byte[] bytes) {}

  private final WebServer server;
  private final Settings settings;
  private final StreamReader reader;
  private final StreamWriter writer;
  private final HttpParser parser;
  private final ByteBuffer in = ByteBuffer.allocate(8 * 1024).flip();
  /** The response being written: the server's one buffer, lent for one response at a time. */
  private ByteBuffer out;

  // The request being parsed, filled by the parser's callbacks.
  private String method;
  private String target;
  private HttpVersion version;
  private final List<HttpField> headers = new ArrayList<>();
  private byte[] body = new byte[0];
  private int bodyLength;
  private boolean complete;
  private boolean expectContinue;
  private boolean connectionClose;
  private boolean connectionKeepAlive;
  private int errorStatus;
  private String errorReason;

  // Timeouts.
  private EventLoop loop;
  private Task<?> task;
  private int phase = IDLE;
  private double deadline;
  private TimerHandle watchdog;
  private double watchdogAt;
  private boolean timedOut;
  private final Runnable check = this::check;

  HttpConnection(WebServer server, StreamReader reader, StreamWriter writer) {
    this.server = server;
    this.settings = server.settings;
    this.reader = reader;
    this.writer = writer;
    this.parser = new HttpParser(this, settings.maxHeaderBytes, HttpCompliance.RFC9110);
    // No per-connection cache of header fields: Jetty's default one (1,024 entries, an ArrayTrie
    // of ~100 KB per parser) made 1,000 keep-alive connections hold ~100 MB, and G1's young
    // pauses copying it reached 0.3-1 s. Well-known headers still come from Jetty's static cache.
    parser.setHeaderCacheSize(0);
  }

  // ---- the connection's task

  /** Serves requests until the client closes, an error, a timeout or a shutdown. */
  @Async
  Coroutine<Void> serve() throws IOException {
    loop = Asyncio.getRunningLoop();
    task = Asyncio.currentTask();
    server.opened(this);
    try {
      while (true) {
        arm(in.hasRemaining() ? READING : IDLE,
            in.hasRemaining() ? settings.requestTimeout : settings.keepAliveTimeout);
        // Read and parse until a whole request is in, or an error, or the end of the stream.
        boolean ended = false;
        while (!complete && errorStatus == 0) {
          if (!in.hasRemaining()) {
            in.clear();
            int n = Await.of(reader.readInto(in));
            in.flip();
            if (n < 0) {
              ended = true;
              parser.atEOF();
              parser.parseNext(in);
              break;
            }
            if (phase == IDLE) {
              arm(READING, settings.requestTimeout);
            }
          }
          parser.parseNext(in);
          if (expectContinue && errorStatus == 0 && !complete) {
            expectContinue = false;
            writer.write(CONTINUE);
          }
        }
        if (errorStatus != 0) {
          arm(WRITING, settings.writeTimeout);
          writeError(errorStatus, errorReason, true);
          Await.of(writer.drain());
          break;
        }
        if (ended || !complete) {
          break; // the client closed: between requests, or (abruptly) in the middle of one
        }
        // A whole request: run its endpoint.
        phase = HANDLING;
        boolean keepAlive = keepAlive();
        Request request = takeRequest();
        Response response;
        Map<String, Endpoint> methods = server.app.routes.get(request.path());
        Endpoint endpoint = null;
        if (methods != null) {
          endpoint = methods.get(request.method());
          if (endpoint == null && request.method().equals("HEAD")) {
            endpoint = methods.get("GET");
          }
        }
        if (methods == null) {
          response = error(404, "Not Found");
        } else if (endpoint == null) {
          response = error(405, "Method Not Allowed")
              .header("allow", String.join(", ", methods.keySet()));
        } else {
          try {
            Object result = Await.of(endpoint.handle(request));
            keepAlive &= !server.closing(); // a shutdown began while the endpoint ran
            response = result instanceof Response r ? r : null;
            if (response == null) {
              writeJson(200, Json.bytes(result), keepAlive, request.method().equals("HEAD"));
            }
          } catch (CancelledError e) {
            throw e;
          } catch (HttpError e) {
            response = Response.json(e.status(), Map.of("detail", e.detail()));
          } catch (Exception e) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("message", "Exception in endpoint " + request.method() + " " + request.path());
            context.put("exception", e);
            loop.callExceptionHandler(context);
            response = Response.text(500, "Internal Server Error");
          }
        }
        keepAlive &= !server.closing();
        if (response != null) {
          writeResponse(response, keepAlive, request.method().equals("HEAD"));
        }
        if (writer.transport().getWriteBufferSize() > 0) {
          arm(WRITING, settings.writeTimeout);
          Await.of(writer.drain());
        }
        if (!keepAlive) {
          break;
        }
        parser.reset();
      }
    } catch (IOException e) {
      // The client went away (a reset, a broken pipe): nobody is left to answer. Not an error of
      // the server, so not reported (wrk, browsers and load balancers reset connections routinely).
    } catch (CancelledError e) {
      if (!timedOut) {
        throw e;
      }
      task.uncancel();
      if (phase == READING) {
        writeError(408, "Request Timeout", true);
      }
    } finally {
      boolean clientNotReading = timedOut && phase == WRITING;
      phase = DONE;
      if (watchdog != null) {
        watchdog.cancel();
        watchdog = null;
      }
      server.closed(this);
      if (clientNotReading) {
        writer.transport().abort(); // close() would wait, for ever, to send the rest to it
      } else {
        writer.close();
      }
    }
    return done();
  }

  /** At shutdown: a connection waiting for its next request is closed now. */
  void closeIfIdle() {
    if (phase == IDLE) {
      writer.transport().close(); // the pending read sees the end of the stream
    }
  }

  // ---- timeouts

  private void arm(int newPhase, double timeout) {
    phase = newPhase;
    deadline = loop.time() + timeout;
    if (watchdog == null || deadline < watchdogAt) {
      // A new timer only when none is set or the deadline came closer (a write timeout shorter
      // than the keep-alive one): otherwise the one set re-arms itself when it fires.
      if (watchdog != null) {
        watchdog.cancel();
      }
      watchdogAt = deadline;
      watchdog = loop.callAt(deadline, check);
    }
  }

  private void check() {
    watchdog = null;
    if (phase == HANDLING || phase == DONE) {
      if (phase == HANDLING) {
        watchdogAt = loop.time() + settings.keepAliveTimeout;
        watchdog = loop.callAt(watchdogAt, check);
      }
      return;
    }
    if (loop.time() >= deadline) {
      timedOut = true;
      task.cancel();
    } else {
      watchdogAt = deadline;
      watchdog = loop.callAt(deadline, check);
    }
  }

  // ---- the request

  private boolean keepAlive() {
    if (version == HttpVersion.HTTP_1_1) {
      return !connectionClose;
    }
    return connectionKeepAlive && !connectionClose;
  }

  private Request takeRequest() {
    byte[] content = bodyLength == 0 ? EMPTY : Arrays.copyOf(body, bodyLength);
    Request request = new Request(method, target, version.asString(), new ArrayList<>(headers), content);
    method = null;
    target = null;
    headers.clear();
    bodyLength = 0;
    complete = false;
    expectContinue = false;
    connectionClose = false;
    connectionKeepAlive = false;
    return request;
  }

  @Override
  public void startRequest(String method, String uri, HttpVersion version) {
    this.method = method;
    this.target = uri;
    this.version = version;
    if (method.length() + uri.length() + 10 > settings.maxRequestLine) {
      fail(414, "URI Too Long");
    }
  }

  @Override
  public void parsedHeader(HttpField field) {
    headers.add(field);
    HttpHeader header = field.getHeader();
    if (header == HttpHeader.EXPECT) {
      expectContinue = field.getValue().equalsIgnoreCase("100-continue");
    } else if (header == HttpHeader.CONNECTION) {
      connectionClose |= field.contains("close");
      connectionKeepAlive |= field.contains("keep-alive");
    }
  }

  @Override
  public boolean headerComplete() {
    if (version == HttpVersion.HTTP_1_1 && !hasHost()) {
      fail(400, "Missing Host header");
      return true;
    }
    if (parser.getContentLength() > settings.maxBodyBytes) {
      fail(413, "Content Too Large");
      return true;
    }
    if (!parser.hasContent() && !parser.isChunking()) {
      expectContinue = false;
    }
    return false;
  }

  private boolean hasHost() {
    for (HttpField field : headers) {
      if (field.getHeader() == HttpHeader.HOST) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean content(ByteBuffer content) {
    int n = content.remaining();
    if (bodyLength + n > settings.maxBodyBytes) {
      fail(413, "Content Too Large");
      return true;
    }
    if (bodyLength + n > body.length) {
      body = Arrays.copyOf(body, Math.max(bodyLength + n, Math.max(1024, body.length * 2)));
    }
    content.get(body, bodyLength, n);
    bodyLength += n;
    return false;
  }

  @Override
  public boolean contentComplete() {
    return false;
  }

  @Override
  public boolean messageComplete() {
    complete = true;
    if (body.length > 64 * 1024) {
      body = new byte[0]; // do not keep a large body's array for the next request
    }
    return true;
  }

  @Override
  public void earlyEOF() {
    // The client closed in the middle of a request: serve() sees the end of the stream.
  }

  @Override
  public void badMessage(HttpException failure) {
    fail(failure.getCode(), failure.getReason());
  }

  private void fail(int status, String reason) {
    if (errorStatus == 0) {
      errorStatus = status;
      errorReason = reason != null ? reason : reasonPhrase(status);
    }
  }

  // ---- responses

  private static Response error(int status, String detail) {
    return Response.json(status, Map.of("detail", detail));
  }

  private void writeError(int status, String detail, boolean close) {
    writeResponse(Response.json(status, Map.of("detail", detail)), !close, false);
  }

  private void writeResponse(Response response, boolean keepAlive, boolean head) {
    startResponse(response.status, response.body.length, keepAlive);
    if (response.contentType != null) {
      put(CONTENT_TYPE);
      put(ascii(response.contentType));
      put(CRLF);
    }
    for (String[] header : response.headers) {
      put(ascii(header[0] + ": " + header[1] + "\r\n"));
    }
    put(CRLF);
    finishResponse(head ? EMPTY : response.body);
  }

  private void writeJson(int status, byte[] json, boolean keepAlive, boolean head) {
    startResponse(status, json.length, keepAlive);
    put(CONTENT_TYPE);
    put(JSON);
    put(CRLF);
    put(CRLF);
    finishResponse(head ? EMPTY : json);
  }

  private void startResponse(int status, int contentLength, boolean keepAlive) {
    out = server.responseBuffer;
    out.clear();
    put(statusLine(status));
    put(SERVER);
    put(DATE);
    put(currentDate());
    put(CRLF);
    put(CONTENT_LENGTH);
    putNumber(contentLength);
    put(CRLF);
    if (!keepAlive) {
      put(CLOSE);
    }
  }

  /**
   * Sends the head in 'out' and {@code body}: a small body in the same write (one syscall), a large
   * one after it, from its own array rather than copied into the buffer.
   */
  private void finishResponse(byte[] body) {
    boolean large = body.length > LARGE_BODY;
    if (!large) {
      put(body);
    }
    out.flip();
    writer.write(out); // sent now, or copied by the transport: 'out' can be reused at once
    if (large) {
      writer.write(body);
    }
    if (out.capacity() > LARGE_BODY) {
      out = ByteBuffer.allocate(RESPONSE_BUFFER); // a head with huge headers: do not keep it
    }
    server.responseBuffer = out;
    out = null;
  }

  private void put(byte[] bytes) {
    if (out.remaining() < bytes.length) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + bytes.length));
      out.flip();
      bigger.put(out);
      out = bigger;
    }
    out.put(bytes);
  }

  private void putNumber(int n) {
    if (n == 0) {
      put(new byte[] {'0'});
      return;
    }
    byte[] digits = new byte[10];
    int i = digits.length;
    while (n > 0) {
      digits[--i] = (byte) ('0' + n % 10);
      n /= 10;
    }
    if (out.remaining() < digits.length - i) {
      put(Arrays.copyOfRange(digits, i, digits.length));
    } else {
      out.put(digits, i, digits.length - i);
    }
  }

  private static byte[] currentDate() {
    long second = System.currentTimeMillis() / 1000;
    DateLine line = dateLine;
    if (line.second() != second) {
      line = new DateLine(second, ascii(HTTP_DATE.format(Instant.ofEpochSecond(second))));
      dateLine = line;
    }
    return line.bytes();
  }

  private static final Map<Integer, byte[]> STATUS_LINES = new java.util.concurrent.ConcurrentHashMap<>();

  private static byte[] statusLine(int status) {
    byte[] line = STATUS_LINES.get(status);
    if (line == null) {
      line = ascii("HTTP/1.1 " + status + " " + reasonPhrase(status) + "\r\n");
      STATUS_LINES.put(status, line);
    }
    return line;
  }

  static String reasonPhrase(int status) {
    switch (status) {
      case 100: return "Continue";
      case 200: return "OK";
      case 201: return "Created";
      case 204: return "No Content";
      case 400: return "Bad Request";
      case 404: return "Not Found";
      case 405: return "Method Not Allowed";
      case 408: return "Request Timeout";
      case 413: return "Content Too Large";
      case 414: return "URI Too Long";
      case 422: return "Unprocessable Content";
      case 431: return "Request Header Fields Too Large";
      case 500: return "Internal Server Error";
      case 501: return "Not Implemented";
      case 505: return "HTTP Version Not Supported";
      default: return status < 400 ? "OK" : "Error";
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
