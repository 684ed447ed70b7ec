package dev.asyncj;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The coroutines behind {@link Asyncio#openConnection} and {@link Asyncio#startServer}: name
 * lookup off the loop's thread, non-blocking connect, bind and listen. Python: {@code
 * base_events.create_connection}, {@code create_server} and {@code getaddrinfo}.
 */
final class Net {
  private Net() {}

  /** Python's default {@code backlog} of {@code create_server}. */
  static final int DEFAULT_BACKLOG = 100;

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /**
   * The addresses of {@code host}. A numeric address is parsed on the loop's thread (no lookup,
   * as asyncio's {@code _ipaddr_info}); a name is looked up on the loop's default executor, since
   * {@link InetAddress#getAllByName} blocks (asyncio runs {@code getaddrinfo} in its executor too).
   */
  static Awaitable<InetAddress[]> resolve(EventLoop loop, String host) {
    if (host == null || host.isEmpty()) {
      Future<InetAddress[]> wildcard = new Future<>(loop);
      wildcard.complete(null); // every interface
      return wildcard;
    }
    if (IPV4.matcher(host).matches() || host.indexOf(':') >= 0) {
      Future<InetAddress[]> literal = new Future<>(loop);
      try {
        literal.complete(InetAddress.getAllByName(host));
      } catch (IOException e) {
        literal.fail(e);
      }
      return literal;
    }
    return loop.runInExecutor(null, () -> InetAddress.getAllByName(host));
  }

  /** {@code openConnection}: each address of the host in turn until one connects. */
  static final class Connect extends Procedure<Connection> {
    private final String host;
    private final int port;
    private final int limit;
    private EventLoop loop;
    private InetAddress[] addresses;
    private int next;
    private SocketChannel channel;
    private final List<IOException> errors = new ArrayList<>();

    Connect(String host, int port, int limit) {
      super("open_connection");
      if (host == null || host.isEmpty()) {
        throw new IllegalArgumentException("openConnection: a host is required");
      }
      if (limit <= 0) {
        throw new IllegalArgumentException("Limit cannot be <= 0");
      }
      this.host = host;
      this.port = port;
      this.limit = limit;
    }

    @Override
    Object step(Object value, Throwable error) throws Throwable {
      switch (state) {
        case 0:
          loop = task.loop;
          state = 1;
          return await(resolve(loop, host));
        case 1:
          if (error != null) {
            throw error;
          }
          addresses = (InetAddress[]) value;
          return tryNext();
        default:
          loop.removeWriter(channel);
          if (error != null) { // cancelled while connecting
            closeChannel();
            throw error;
          }
          try {
            channel.finishConnect();
          } catch (IOException e) {
            closeChannel();
            errors.add(e);
            return tryNext();
          }
          return connected();
      }
    }

    private Object tryNext() throws IOException {
      while (next < addresses.length) {
        InetSocketAddress address = new InetSocketAddress(addresses[next++], port);
        try {
          channel = SocketChannel.open();
          channel.configureBlocking(false);
          if (channel.connect(address)) {
            return connected();
          }
        } catch (IOException e) {
          closeChannel();
          errors.add(e);
          continue;
        }
        Future<Void> writable = new Future<>(loop);
        loop.addWriter(channel, () -> writable.completeIfPending(null));
        state = 2;
        return await(writable);
      }
      IOException first = errors.get(0);
      for (int i = 1; i < errors.size(); i++) {
        first.addSuppressed(errors.get(i));
      }
      throw first;
    }

    private Connection connected() {
      StreamReader reader = new StreamReader(limit);
      Transport transport = new Transport(loop, channel, reader, null);
      return new Connection(reader, new StreamWriter(transport, reader, loop));
    }

    private void closeChannel() {
      if (channel != null) {
        loop.forgetChannel(channel);
        try {
          channel.close();
        } catch (IOException ignored) {
          // closed anyway
        }
        channel = null;
      }
    }
  }

  /** {@code startServer}: binds a listening socket to each address of the host. */
  static final class StartServer extends Procedure<Server> {
    private final ClientConnected handler;
    private final String host;
    private final int port;
    private final int limit;
    private final int backlog;

    StartServer(ClientConnected handler, String host, int port, int limit, int backlog) {
      super("start_server");
      if (handler == null) {
        throw new NullPointerException("startServer: a handler is required");
      }
      if (limit <= 0) {
        throw new IllegalArgumentException("Limit cannot be <= 0");
      }
      this.handler = handler;
      this.host = host;
      this.port = port;
      this.limit = limit;
      this.backlog = backlog;
    }

    @Override
    Object step(Object value, Throwable error) throws Throwable {
      EventLoop loop = task.loop;
      if (state == 0) {
        state = 1;
        return await(resolve(loop, host));
      }
      if (error != null) {
        throw error;
      }
      InetAddress[] addresses = (InetAddress[]) value;
      List<ServerSocketChannel> channels = new ArrayList<>();
      try {
        if (addresses == null) {
          channels.add(listen(new InetSocketAddress(port)));
        } else {
          for (InetAddress address : addresses) {
            channels.add(listen(new InetSocketAddress(address, port)));
          }
        }
      } catch (IOException | RuntimeException e) {
        for (ServerSocketChannel channel : channels) {
          channel.close();
        }
        throw e;
      }
      Server server = new Server(loop, channels, handler, limit, backlog);
      server.startServingNow();
      return server;
    }

    private ServerSocketChannel listen(InetSocketAddress address) throws IOException {
      ServerSocketChannel channel = ServerSocketChannel.open();
      try {
        channel.setOption(StandardSocketOptions.SO_REUSEADDR, true); // asyncio's default on POSIX
        channel.bind(address, backlog);
        channel.configureBlocking(false);
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
      return channel;
    }
  }
}
