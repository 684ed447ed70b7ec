package dev.asyncj;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A listening server, as {@link Asyncio#startServer} gives it: it accepts connections and runs the
 * handler for each, as a task of its own. Python: {@code asyncio.Server} (3.13's, with {@code
 * close_clients} and {@code abort_clients}).
 *
 * <p>{@link #close()} stops listening and leaves the connections being served alone; {@link
 * #waitClosed()} waits until it is closed and every connection has ended, which is how a graceful
 * shutdown waits for the requests in flight. Used on the loop's thread only.
 *
 * <p>When a handler's task ends, its connection is closed (after its buffered bytes are sent):
 * Python leaves that to the garbage collector ({@code StreamWriter.__del__}) when the handler
 * returns normally, and Java has no such hook. A handler that hands its writer to another task
 * must therefore wait for that task before it returns. A handler that fails is reported to the
 * loop's exception handler ({@code "Unhandled exception in client_connected_cb"}), as in Python.
 */
public final class Server implements AutoCloseable {
  /** How long accepting pauses after an error such as too many open files. Python: {@code ACCEPT_RETRY_DELAY}. */
  static final double ACCEPT_RETRY_DELAY = 1.0;

  private final EventLoop loop;
  private final ClientConnected handler;
  private final int limit;
  private final int backlog;
  private List<ServerSocketChannel> channels;
  private final Set<Transport> clients = new LinkedHashSet<>();
  private boolean serving;
  /** Futures of waitClosed(); null once the server is closed and every connection has ended. */
  private List<Future<Void>> waiters = new ArrayList<>();
  private Future<Void> servingForever;

  Server(EventLoop loop, List<ServerSocketChannel> channels, ClientConnected handler, int limit,
      int backlog) {
    this.loop = loop;
    this.channels = channels;
    this.handler = handler;
    this.limit = limit;
    this.backlog = backlog;
  }

  /** The loop this server runs on. Python: {@code get_loop()}. */
  public EventLoop getLoop() {
    return loop;
  }

  /**
   * The addresses the server listens on (with the port the system chose for port 0); empty once
   * closed. Python: {@code sockets}, whose sockets' {@code getsockname()} these are.
   */
  public List<InetSocketAddress> sockets() {
    List<InetSocketAddress> addresses = new ArrayList<>();
    if (channels != null) {
      for (ServerSocketChannel channel : channels) {
        try {
          addresses.add((InetSocketAddress) channel.getLocalAddress());
        } catch (IOException closed) {
          // not listening any more
        }
      }
    }
    return addresses;
  }

  /** Whether the server accepts connections. Python: {@code is_serving()}. */
  public boolean isServing() {
    return serving;
  }

  /**
   * Starts accepting connections, if it does not already. {@link Asyncio#startServer} does this by
   * itself. Python: {@code start_serving()}.
   */
  public Coroutine<Void> startServing() {
    return new Lazy<>("Server.startServing", () -> {
      startServingNow();
      Future<Void> started = new Future<>(loop);
      started.complete(null);
      return started;
    });
  }

  /**
   * Accepts connections until cancelled; then closes the server and waits for {@link
   * #waitClosed()}. {@link #close()} from elsewhere ends it with {@link CancelledError}, as in
   * Python. Python: {@code serve_forever()}.
   */
  public Coroutine<Void> serveForever() {
    return new Procedure<>("Server.serveForever") {
      private CancelledError cancelled;

      @Override
      Object step(Object value, Throwable error) throws Throwable {
        switch (state) {
          case 0:
            if (servingForever != null) {
              throw new IllegalStateException(
                  "server " + Server.this + " is already being awaited on serveForever()");
            }
            if (channels == null) {
              throw new IllegalStateException("server " + Server.this + " is closed");
            }
            startServingNow();
            servingForever = new Future<>(loop);
            state = 1;
            return await(servingForever);
          case 1:
            servingForever = null;
            if (error instanceof CancelledError c) {
              cancelled = c;
              close();
              state = 2;
              return await(waitClosed());
            }
            if (error != null) {
              throw error;
            }
            return null;
          default:
            if (error != null) {
              error.addSuppressed(cancelled);
              throw error;
            }
            throw cancelled;
        }
      }
    };
  }

  /**
   * Stops listening: the listening sockets are closed; connections being served go on. Python:
   * {@code close()}.
   */
  @Override
  public void close() {
    List<ServerSocketChannel> listening = channels;
    if (listening == null) {
      return;
    }
    channels = null;
    for (ServerSocketChannel channel : listening) {
      loop.forgetChannel(channel);
      try {
        channel.close();
      } catch (IOException ignored) {
        // closed anyway
      }
    }
    serving = false;
    if (servingForever != null && !servingForever.done()) {
      servingForever.cancelFuture(null);
      servingForever = null;
    }
    if (clients.isEmpty()) {
      wakeup();
    }
  }

  /** Closes every connection being served (after their buffered bytes). Python: {@code close_clients()}. */
  public void closeClients() {
    for (Transport transport : new ArrayList<>(clients)) {
      transport.close();
    }
  }

  /** Closes every connection being served at once. Python: {@code abort_clients()}. */
  public void abortClients() {
    for (Transport transport : new ArrayList<>(clients)) {
      transport.abort();
    }
  }

  /** How many connections are being served. */
  public int activeConnections() {
    return clients.size();
  }

  /**
   * Waits until the server is closed and every connection it accepted has ended. Python: {@code
   * wait_closed()} (3.12's).
   */
  public Coroutine<Void> waitClosed() {
    return new Lazy<>("Server.waitClosed", () -> {
      Future<Void> waiter = new Future<>(loop);
      if (waiters == null) {
        waiter.complete(null);
      } else {
        waiters.add(waiter);
      }
      return waiter;
    });
  }

  // ---- accepting

  /** Starts accepting connections (start_serving=True of create_server). */
  void startServingNow() {
    if (serving || channels == null) {
      return;
    }
    serving = true;
    for (ServerSocketChannel channel : channels) {
      loop.addReader(channel, () -> accept(channel));
    }
  }

  private void accept(ServerSocketChannel listening) {
    for (int i = 0; i < backlog; i++) {
      SocketChannel channel;
      try {
        channel = listening.accept();
      } catch (IOException e) {
        if (!listening.isOpen()) {
          return;
        }
        // Too many open files and the like: as asyncio, report, and stop accepting for a while.
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("message", "socket.accept() out of system resource");
        context.put("exception", e);
        context.put("socket", listening);
        loop.callExceptionHandler(context);
        loop.removeReader(listening);
        loop.callLater(ACCEPT_RETRY_DELAY, () -> {
          if (serving && listening.isOpen()) {
            loop.addReader(listening, () -> accept(listening));
          }
        });
        return;
      }
      if (channel == null) {
        return;
      }
      connectionMade(channel);
    }
  }

  private void connectionMade(SocketChannel channel) {
    Transport transport;
    StreamReader reader = new StreamReader(limit);
    try {
      channel.configureBlocking(false);
      transport = new Transport(loop, channel, reader, this);
    } catch (IOException | RuntimeException e) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closed anyway
      }
      return;
    }
    StreamWriter writer = new StreamWriter(transport, reader, loop);
    Coroutine<?> coroutine;
    try {
      coroutine = handler.connected(reader, writer);
    } catch (Throwable e) {
      handlerFailed(e, transport);
      return;
    }
    if (coroutine == null) {
      return; // a plain callback: the connection is its to close
    }
    Task<?> task = loop.createTask(coroutine);
    task.addListener(done -> {
      if (!done.cancelled() && done.rawException() != null) {
        Throwable e = done.rawException();
        done.markRetrieved();
        handlerFailed(e, transport);
      } else {
        transport.close();
      }
    });
  }

  private void handlerFailed(Throwable e, Transport transport) {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("message", "Unhandled exception in client_connected_cb");
    context.put("exception", e);
    context.put("transport", transport);
    loop.callExceptionHandler(context);
    transport.close();
  }

  void attach(Transport transport) {
    clients.add(transport);
  }

  void detach(Transport transport) {
    if (clients.remove(transport) && clients.isEmpty() && channels == null) {
      wakeup();
    }
  }

  private void wakeup() {
    List<Future<Void>> waiting = waiters;
    waiters = null;
    if (waiting != null) {
      for (Future<Void> waiter : waiting) {
        waiter.completeIfPending(null);
      }
    }
  }

  /** Reads like Python's repr: {@code <Server sockets=(/127.0.0.1:8888)>}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("<Server sockets=(");
    List<InetSocketAddress> addresses = sockets();
    for (int i = 0; i < addresses.size(); i++) {
      s.append(i > 0 ? ", " : "").append(addresses.get(i));
    }
    return s.append(")>").toString();
  }
}
