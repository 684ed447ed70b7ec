package dev.asyncj;

import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The writing half of a connection. Python: {@code asyncio.StreamWriter}, as {@link
 * Asyncio#openConnection} and {@link Asyncio#startServer} give it.
 *
 * <p>{@link #write} never blocks and never waits: it hands the bytes to the {@link Transport},
 * which sends what the socket takes and buffers the rest. Await {@link #drain()} after writing:
 * it returns at once while the buffer is under its high-water mark, and otherwise waits until the
 * peer has read enough of it, so a writer cannot outrun a slow reader and fill the memory.
 * Cancelling a drain (or timing it out) leaves the buffered bytes to be sent: the connection stays
 * consistent. Used on the loop's thread only.
 */
public class StreamWriter {
  /*
   * Maintainer notes: this also plays FlowControlMixin of streams.py: 'drainWaiters' wait while
   * the transport is over its high-water mark and are woken by resumeWriting (the transport fell to
   * its low-water mark) or connectionLost; 'closed' is the future of waitClosed().
   */
  private final Transport transport;
  private final StreamReader reader;
  private final EventLoop loop;
  private final ArrayDeque<Future<Void>> drainWaiters = new ArrayDeque<>();
  private final Future<Void> closed;
  private boolean connectionLost;

  StreamWriter(Transport transport, StreamReader reader, EventLoop loop) {
    this.transport = transport;
    this.reader = reader;
    this.loop = loop;
    this.closed = new Future<>(loop);
    transport.setWriter(this);
  }

  /** The transport under this writer. Python: {@code transport}. */
  public Transport transport() {
    return transport;
  }

  /** Sends {@code data}, or buffers what cannot be sent now; see {@link #drain()}. Python: {@code write()}. */
  public void write(byte[] data) {
    transport.write(data);
  }

  /** {@link #write(byte[])} for the remaining bytes of {@code data}. */
  public void write(ByteBuffer data) {
    transport.write(data);
  }

  /** Writes each array in turn. Python: {@code writelines()}. */
  public void writelines(Iterable<byte[]> data) {
    for (byte[] chunk : data) {
      transport.write(chunk);
    }
  }

  /** Closes the write side once the buffer is sent (half-close). Python: {@code write_eof()}. */
  public void writeEof() {
    transport.writeEof();
  }

  /** Whether {@link #writeEof()} is possible: always for TCP. Python: {@code can_write_eof()}. */
  public boolean canWriteEof() {
    return transport.canWriteEof();
  }

  /**
   * Closes the connection once the buffered bytes are sent; {@link #waitClosed()} waits for that.
   * Python: {@code close()}.
   */
  public void close() {
    transport.close();
  }

  /** Whether the connection is closing or closed. Python: {@code is_closing()}. */
  public boolean isClosing() {
    return transport.isClosing();
  }

  /**
   * Waits until the connection is closed. Python: {@code wait_closed()}.
   *
   * @throws IOException (when awaited) the error the connection failed with, if it failed
   */
  public Coroutine<Void> waitClosed() throws IOException {
    return new Lazy<>("StreamWriter.waitClosed", () -> closed);
  }

  /** Information about the connection; see {@link Transport#getExtraInfo(String)}. Python: {@code get_extra_info()}. */
  public Object getExtraInfo(String name) {
    return transport.getExtraInfo(name);
  }

  /** {@link #getExtraInfo(String)} with a default. */
  public Object getExtraInfo(String name, Object defaultValue) {
    return transport.getExtraInfo(name, defaultValue);
  }

  /**
   * Waits until the write buffer is back under its high-water mark: at once if it is. Python:
   * {@code drain()}.
   *
   * @throws IOException (when awaited) the error the reading side failed with; a {@link
   *     SocketException} {@code "Connection lost"} (Python's {@code ConnectionResetError}) if
   *     the connection is closed
   */
  public Coroutine<Void> drain() throws IOException {
    return new Drain();
  }

  private final class Drain extends Procedure<Void> {
    private Future<Void> waiter;

    Drain() {
      super("StreamWriter.drain");
    }

    @Override
    Object step(Object value, Throwable error) throws Throwable {
      switch (state) {
        case 0:
          if (reader != null && reader.exception() != null) {
            throw reader.exception();
          }
          if (transport.isClosing()) {
            // Let connectionLost run (it is scheduled as a callback), as asyncio does.
            state = 1;
            return await(Asyncio.sleep(0));
          }
          // fall through
        case 1:
          if (connectionLost) {
            throw new SocketException("Connection lost");
          }
          if (!transport.writingPaused()) {
            return null;
          }
          waiter = new Future<>(loop);
          drainWaiters.add(waiter);
          state = 2;
          return await(waiter);
        default:
          drainWaiters.remove(waiter);
          if (error != null) {
            throw error;
          }
          return null;
      }
    }
  }

  /** The transport fell to its low-water mark: wake every drain. */
  void resumeWriting() {
    for (Future<Void> waiter : drainWaiters) {
      waiter.completeIfPending(null);
    }
  }

  void connectionLost(Throwable error) {
    connectionLost = true;
    for (Future<Void> waiter : drainWaiters) {
      if (!waiter.done()) {
        if (error == null) {
          waiter.complete(null);
        } else {
          waiter.fail(error);
        }
      }
    }
    if (!closed.done()) {
      if (error == null) {
        closed.complete(null);
      } else {
        closed.fail(error);
        closed.markRetrieved(); // as streams.py: nobody has to wait for it
      }
    }
  }

  @Override
  public String toString() {
    return "<StreamWriter transport=" + transport + (reader != null ? " reader=" + reader : "") + ">";
  }
}
