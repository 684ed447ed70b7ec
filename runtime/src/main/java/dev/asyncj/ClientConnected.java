package dev.asyncj;

/**
 * What {@link Asyncio#startServer} calls for each new connection: Python's {@code
 * client_connected_cb(reader, writer)}. Usually an {@code @Async} method: {@code
 * startServer(Echo::handle, "127.0.0.1", 8888)} with {@code @Async static Coroutine<Void>
 * handle(StreamReader reader, StreamWriter writer)}. The coroutine it returns runs as a task of its
 * own; returning {@code null} (a plain callback, in Python's terms) starts none.
 */
@FunctionalInterface
public interface ClientConnected {
  /** Handles one connection; may declare checked exceptions, which end the connection. */
  Coroutine<?> connected(StreamReader reader, StreamWriter writer) throws Exception;
}
