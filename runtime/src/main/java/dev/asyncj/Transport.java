package dev.asyncj;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * A TCP connection watched by an event loop, under the streams: Python's socket transport ({@code
 * asyncio.Transport} as {@code selector_events._SelectorSocketTransport} implements it). A {@link
 * StreamWriter} writes through it ({@link StreamWriter#transport()}); its data arrives in a {@link
 * StreamReader}. Used on the loop's thread only.
 *
 * <p>Writing never blocks: {@link #write} sends what the socket takes at once and keeps the rest
 * in a buffer, which the loop sends as the socket becomes writable. When the buffer grows past the
 * high-water mark (64 KiB by default) the writer's {@link StreamWriter#drain() drain()} waits,
 * until it falls to the low-water mark (a quarter of the high one): that is the back-pressure.
 * Reading pauses by itself when the reader holds more than twice its limit, and resumes when the
 * reader has consumed down to its limit.
 */
public final class Transport {
  /*
   * Maintainer notes (selector_events._SelectorSocketTransport, with the StreamReaderProtocol and
   * FlowControlMixin of streams.py folded in: 'reader' and 'writer' are the protocol).
   *
   * States: open -> closing (close(): no more reading; the write buffer is still sent) -> closed
   * (the channel is closed and connectionLost told the streams, from a callback of the loop, as
   * asyncio does with call_soon(_call_connection_lost)). abort() and fatal errors skip the closing
   * state and drop the buffer. 'lostCalled' keeps connectionLost to once.
   *
   * Reads go straight into the reader's buffer (StreamReader.bufferForRead), so bytes are copied
   * once from the socket; writes are tried on the socket at once when nothing is buffered, which
   * for small responses means no buffer and no writer registration at all.
   */
  static final int DEFAULT_HIGH_WATER = 64 * 1024;

  private final EventLoop loop;
  private final SocketChannel channel;
  private final StreamReader reader;
  private StreamWriter writer;
  private final Server server;
  private final Runnable onReadable = this::readReady;
  private final Runnable onWritable = this::writeReady;

  private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
  private long pendingBytes;
  private int highWater = DEFAULT_HIGH_WATER;
  private int lowWater = DEFAULT_HIGH_WATER / 4;
  private boolean writingPaused;

  private boolean reading = true;
  private boolean closing;
  private boolean eofWritten;
  private boolean lostCalled;
  private boolean closed;
  private SocketAddress peer;
  private SocketAddress local;

  Transport(EventLoop loop, SocketChannel channel, StreamReader reader, Server server) {
    this.loop = loop;
    this.channel = channel;
    this.reader = reader;
    this.server = server;
    try {
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true); // as asyncio does for TCP
    } catch (IOException | UnsupportedOperationException ignored) {
      // not TCP, or already gone: the first read or write will tell
    }
    reader.setTransport(this);
    if (server != null) {
      server.attach(this);
    }
    loop.addReader(channel, onReadable);
  }

  void setWriter(StreamWriter writer) {
    this.writer = writer;
  }

  /** The loop this transport runs on. */
  public EventLoop getLoop() {
    return loop;
  }

  // ---- reading

  private void readReady() {
    if (closed || !reading) {
      return;
    }
    int n;
    try {
      n = channel.read(reader.bufferForRead());
    } catch (IOException e) {
      fatalError(e);
      return;
    }
    if (n > 0) {
      reader.readCompleted(n);
    } else if (n < 0) {
      eofReceived();
    }
  }

  private void eofReceived() {
    // As StreamReaderProtocol.eof_received returning True: keep the connection open for writing.
    reading = false;
    loop.removeReader(channel);
    reader.feedEof();
    if (closing || eofWritten) {
      // Both directions are done.
      if (pending.isEmpty()) {
        closeNow(null);
      }
    }
  }

  /** Stops reading until {@link #resumeReading()}. Python: {@code pause_reading()}. */
  public void pauseReading() {
    if (closing || !reading) {
      return;
    }
    reading = false;
    loop.removeReader(channel);
  }

  /** Starts reading again. Python: {@code resume_reading()}. */
  public void resumeReading() {
    if (closing || reading || reader.eofSeen()) {
      return;
    }
    reading = true;
    loop.addReader(channel, onReadable);
  }

  /** Whether the transport is reading. Python: {@code is_reading()}. */
  public boolean isReading() {
    return reading && !closing;
  }

  // ---- writing

  /**
   * Sends {@code data} as soon as possible, without blocking: what the socket does not take now
   * is buffered. Writing to a closing or closed transport does nothing (Python logs a warning
   * after a few such writes). Python: {@code write(data)}.
   */
  public void write(byte[] data) {
    write(ByteBuffer.wrap(data));
  }

  /** {@link #write(byte[])} for the remaining bytes of {@code data} (all consumed). */
  public void write(ByteBuffer data) {
    if (eofWritten) {
      throw new IllegalStateException("Cannot call write() after write_eof()");
    }
    if (closing || closed || !data.hasRemaining()) {
      return;
    }
    if (pending.isEmpty()) {
      try {
        channel.write(data);
      } catch (IOException e) {
        fatalError(e);
        return;
      }
      if (!data.hasRemaining()) {
        return;
      }
      loop.addWriter(channel, onWritable);
    }
    // Buffer a copy, as asyncio does: the caller may reuse its array or buffer after write().
    ByteBuffer copy = ByteBuffer.allocate(data.remaining());
    copy.put(data).flip();
    pending.add(copy);
    pendingBytes += copy.remaining();
    maybePauseWriting();
  }

  private void writeReady() {
    if (closed) {
      return;
    }
    try {
      while (!pending.isEmpty()) {
        ByteBuffer first = pending.peek();
        int n = channel.write(first);
        pendingBytes -= n;
        if (first.hasRemaining()) {
          break; // the socket is full
        }
        pending.poll();
      }
    } catch (IOException e) {
      fatalError(e);
      return;
    }
    maybeResumeWriting();
    if (pending.isEmpty()) {
      loop.removeWriter(channel);
      if (closing) {
        closeNow(null);
      } else if (eofWritten) {
        shutdownOutput();
      }
    }
  }

  private void maybePauseWriting() {
    if (!writingPaused && pendingBytes > highWater) {
      writingPaused = true;
    }
  }

  private void maybeResumeWriting() {
    if (writingPaused && pendingBytes <= lowWater) {
      writingPaused = false;
      if (writer != null) {
        writer.resumeWriting();
      }
    }
  }

  /** Whether the buffer is over the high-water mark, so that a drain must wait. */
  boolean writingPaused() {
    return writingPaused;
  }

  /** How many bytes wait to be sent. Python: {@code get_write_buffer_size()}. */
  public long getWriteBufferSize() {
    return pendingBytes;
  }

  /** The (low, high) water marks, as {@code [low, high]}. Python: {@code get_write_buffer_limits()}. */
  public int[] getWriteBufferLimits() {
    return new int[] {lowWater, highWater};
  }

  /**
   * Sets the high- and low-water marks of the write buffer. Python: {@code
   * set_write_buffer_limits(high, low)}: a {@code null} high is 64 KiB, a {@code null} low is a
   * quarter of the high one.
   */
  public void setWriteBufferLimits(Integer high, Integer low) {
    int h = high != null ? high : (low != null ? 4 * low : DEFAULT_HIGH_WATER);
    int l = low != null ? low : h / 4;
    if (!(h >= l && l >= 0)) {
      throw new IllegalArgumentException("high (" + h + ") must be >= low (" + l + ") must be >= 0");
    }
    highWater = h;
    lowWater = l;
    if (pendingBytes > highWater) {
      maybePauseWriting();
    } else {
      maybeResumeWriting();
    }
  }

  /** Whether {@link #writeEof()} is possible: always, for TCP. Python: {@code can_write_eof()}. */
  public boolean canWriteEof() {
    return true;
  }

  /**
   * Closes the write side once the buffer is sent (a TCP half-close: the peer reads end of file
   * and may still send). Python: {@code write_eof()}.
   */
  public void writeEof() {
    if (closing || eofWritten) {
      return;
    }
    eofWritten = true;
    if (pending.isEmpty()) {
      shutdownOutput();
    }
  }

  private void shutdownOutput() {
    try {
      channel.shutdownOutput();
    } catch (IOException e) {
      fatalError(e);
      return;
    }
    if (reader.eofSeen()) {
      closeNow(null);
    }
  }

  // ---- closing

  /** Whether the transport is closing or closed. Python: {@code is_closing()}. */
  public boolean isClosing() {
    return closing || closed;
  }

  /**
   * Closes the connection: no more reading; the buffered data is still sent, then the socket is
   * closed and the streams are told. Python: {@code close()}.
   */
  public void close() {
    if (closing || closed) {
      return;
    }
    closing = true;
    if (reading) {
      reading = false;
      loop.removeReader(channel);
    }
    if (pending.isEmpty()) {
      closeNow(null);
    }
  }

  /** Closes the connection at once, dropping the buffered data. Python: {@code abort()}. */
  public void abort() {
    closeNow(null);
  }

  /** An I/O error: the connection is closed at once and the streams get the error. */
  void fatalError(Throwable error) {
    closeNow(error);
  }

  private void closeNow(Throwable error) {
    if (closed) {
      return;
    }
    closed = true;
    closing = true;
    reading = false;
    pending.clear();
    pendingBytes = 0;
    loop.forgetChannel(channel);
    try {
      channel.close();
    } catch (IOException ignored) {
      // closed anyway
    }
    if (!lostCalled) {
      lostCalled = true;
      // Told from a callback, never inline, as asyncio's _call_connection_lost.
      loop.callSoonInternal(() -> connectionLost(error));
    }
  }

  private void connectionLost(Throwable error) {
    if (error == null) {
      reader.feedEof();
    } else {
      reader.setException(error);
    }
    if (writer != null) {
      writer.connectionLost(error);
    }
    if (server != null) {
      server.detach(this);
    }
  }

  // ---- information

  /**
   * Information about the connection, as Python's {@code get_extra_info(name)}: {@code
   * "peername"} and {@code "sockname"} (an {@link java.net.InetSocketAddress}), {@code "socket"}
   * (the {@link SocketChannel}; do not read or write it behind the transport's back); {@code
   * null} for other names.
   */
  public Object getExtraInfo(String name) {
    switch (name) {
      case "peername":
        if (peer == null) {
          try {
            peer = channel.getRemoteAddress();
          } catch (IOException e) {
            return null;
          }
        }
        return peer;
      case "sockname":
        if (local == null) {
          try {
            local = channel.getLocalAddress();
          } catch (IOException e) {
            return null;
          }
        }
        return local;
      case "socket":
        return channel;
      default:
        return null;
    }
  }

  /** {@link #getExtraInfo(String)} with a default for unknown names. */
  public Object getExtraInfo(String name, Object defaultValue) {
    Object value = getExtraInfo(name);
    return value != null ? value : defaultValue;
  }

  @Override
  public String toString() {
    return "<Transport " + (closed ? "closed" : closing ? "closing" : "open")
        + (closed ? "" : " peer=" + getExtraInfo("peername"))
        + " write_buffer=" + pendingBytes + ">";
  }
}
