package dev.asyncj.web;

import static dev.asyncj.Asyncio.done;

import dev.asyncj.Async;
import dev.asyncj.Asyncio;
import dev.asyncj.Await;
import dev.asyncj.CancelledError;
import dev.asyncj.Coroutine;
import dev.asyncj.Event;
import dev.asyncj.Server;
import dev.asyncj.StreamReader;
import dev.asyncj.StreamWriter;
import dev.asyncj.TimeoutError;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An {@link App} being served: an asyncio {@link Server} whose connection handler speaks HTTP/1.1
 * ({@link HttpConnection}). What uvicorn is to FastAPI. Used on the loop's thread.
 */
public final class WebServer {
  final App app;
  final Settings settings;
  private Server server;
  private final Set<HttpConnection> connections = new LinkedHashSet<>();
  private boolean closing;
  private final Event finished = new Event();
  /**
   * The buffer every connection writes its response head (and small body) into: one per server,
   * not one per connection, since a response is written whole, without awaiting, on the loop's
   * one thread, and sent or copied by the transport before the next is written.
   */
  java.nio.ByteBuffer responseBuffer = java.nio.ByteBuffer.allocate(HttpConnection.RESPONSE_BUFFER);

  WebServer(App app, Settings settings) {
    this.app = app;
    this.settings = settings;
  }

  void started(Server server) {
    this.server = server;
  }

  /** The server's handler for one connection. */
  Coroutine<Void> connected(StreamReader reader, StreamWriter writer) throws IOException {
    return new HttpConnection(this, reader, writer).serve();
  }

  void opened(HttpConnection connection) {
    connections.add(connection);
  }

  void closed(HttpConnection connection) {
    connections.remove(connection);
  }

  /** Whether a shutdown has begun: responses say {@code Connection: close}. */
  boolean closing() {
    return closing;
  }

  /** The addresses listened on. */
  public List<InetSocketAddress> sockets() {
    return server.sockets();
  }

  /** The port listened on (the first socket's). */
  public int port() {
    return server.sockets().get(0).getPort();
  }

  /** {@code http://host:port}. */
  public String url() {
    InetSocketAddress address = server.sockets().get(0);
    String host = address.getAddress().getHostAddress();
    return "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  /** How many connections are open. */
  public int activeConnections() {
    return connections.size();
  }

  /**
   * Waits until the server has shut down ({@link #close()} or {@link #shutdown()} from elsewhere).
   * Cancelled, it shuts the server down gracefully first.
   */
  @Async
  public Coroutine<Void> serveForever() {
    try {
      Await.of(finished.await());
    } catch (CancelledError e) {
      Await.of(shutdown());
      throw e;
    }
    return done();
  }

  /** Starts a graceful {@link #shutdown()} in a task of its own and returns at once. */
  public void close() {
    if (!closing) {
      Asyncio.createTask(shutdown());
    }
  }

  /**
   * Shuts down gracefully: stops accepting, closes the idle keep-alive connections, lets the
   * requests in flight finish (their responses say {@code Connection: close}), and drops what is
   * still open after {@link Settings#shutdownTimeout}. uvicorn's shutdown on SIGINT.
   */
  @Async
  public Coroutine<Void> shutdown() {
    if (closing) {
      Await.of(finished.await());
      return done();
    }
    closing = true;
    server.close();
    for (HttpConnection connection : new ArrayList<>(connections)) {
      connection.closeIfIdle();
    }
    try {
      Await.of(Asyncio.waitFor(server.waitClosed(), settings.shutdownTimeout));
    } catch (TimeoutError e) {
      server.abortClients();
      Await.of(server.waitClosed());
    }
    finished.set();
    return done();
  }
}
