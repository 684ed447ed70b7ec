import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Not an HTTP server: the floor the machine sets. One thread, one selector, and for every request
 * (counted by the blank line that ends its head; wrk's GETs have no body) one write of the same
 * canned response bytes: no parsing, no routing, no JSON, no date. What any server on the loop
 * pays anyway (a read, a write, a share of epoll_wait) and wrk's own cost per request, so it says
 * how many requests/s the machine allows while wrk shares it. Run: java CannedServer.java PORT
 */
public class CannedServer {
  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    byte[] response = ("HTTP/1.1 200 OK\r\nserver: canned\r\ndate: Fri, 04 Dec 2026 00:00:00 GMT\r\n"
            + "content-length: 33\r\ncontent-type: application/json\r\n\r\n"
            + "{\"message\":\"Hello, async world!\"}")
        .getBytes(StandardCharsets.ISO_8859_1);
    Selector selector = Selector.open();
    ServerSocketChannel listening = ServerSocketChannel.open();
    listening.bind(new InetSocketAddress("127.0.0.1", port), 1024);
    listening.configureBlocking(false);
    listening.register(selector, SelectionKey.OP_ACCEPT);
    ByteBuffer in = ByteBuffer.allocate(16 * 1024);
    ByteBuffer out = ByteBuffer.wrap(response);
    System.out.println("canned responses on http://127.0.0.1:" + port);
    while (true) {
      selector.select(key -> {
        try {
          if (key.isAcceptable()) {
            SocketChannel client;
            while ((client = listening.accept()) != null) {
              client.configureBlocking(false);
              client.setOption(StandardSocketOptions.TCP_NODELAY, true);
              client.register(selector, SelectionKey.OP_READ);
            }
            return;
          }
          SocketChannel client = (SocketChannel) key.channel();
          in.clear();
          int n = client.read(in);
          if (n < 0) {
            client.close();
            return;
          }
          for (int i = 2; i < n; i++) {
            if (in.get(i) == '\n' && in.get(i - 2) == '\n') { // "\n\r\n": the end of a head
              out.clear();
              client.write(out); // small: the socket takes it whole
            }
          }
        } catch (IOException e) {
          try {
            key.channel().close();
          } catch (IOException ignored) {
            // closed anyway
          }
        }
      });
    }
  }
}
