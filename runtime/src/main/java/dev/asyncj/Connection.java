package dev.asyncj;

/**
 * The two halves of a connection that {@link Asyncio#openConnection} gives. Python returns the
 * tuple {@code (reader, writer)}; Java has no tuples, so this record holds them under the same
 * names: {@code Connection c = Await.of(openConnection(host, port)); c.reader(); c.writer();} or,
 * as Python unpacks it, {@code var reader = c.reader(); var writer = c.writer();}.
 *
 * <p>Closing it ({@code try (c) { ... }}) closes the writer, as {@code writer.close()} does.
 *
 * @param reader what the peer sends
 * @param writer what is sent to the peer
 */
public record Connection(StreamReader reader, StreamWriter writer) implements AutoCloseable {
  /** Closes the connection: {@code writer().close()}. */
  @Override
  public void close() {
    writer.close();
  }
}
