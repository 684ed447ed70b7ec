package dev.asyncj;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The reading half of a connection: bytes received and not yet read, and coroutines that wait for
 * more. Python: {@code asyncio.StreamReader}, as {@link Asyncio#openConnection} and {@link
 * Asyncio#startServer} give it.
 *
 * <p>Every read returns a coroutine to await: {@code byte[] line =
 * Await.of(reader.readline());}. A read takes bytes from the reader only when it returns, so a read
 * that is cancelled or timed out ({@link Asyncio#waitFor}, {@link Asyncio#timeout}) leaves every
 * byte in the reader for the next one: the connection stays consistent. Only one coroutine may wait
 * for data at a time. Used on the loop's thread only.
 *
 * <p>The reads declare {@link IOException}: what the connection failed with (Python's {@code
 * ConnectionResetError} is the JDK's {@link java.net.SocketException} {@code "Connection reset"}).
 * Their own errors are unchecked, under asyncio's names: {@link IncompleteReadError} (an {@link
 * java.io.UncheckedIOException} caused by an {@link java.io.EOFException}, as Python's is an {@code
 * EOFError}) and {@link LimitOverrunError}.
 */
public class StreamReader {
  /*
   * Maintainer notes. The buffer is buf[start, end). The transport reads from the socket straight
   * into it (bufferForRead / readCompleted), so received bytes are copied once; the ByteBuffer view
   * 'view' is kept and only re-made when the array grows. Reading pauses when more than 2 * limit
   * bytes are buffered, and resumes when a read brings it down to the limit, or when a read needs
   * more (streams.py: _maybe_resume_transport, _wait_for_data).
   *
   * Each read is a small hand-written coroutine (Op): attempt() either returns the result or
   * NEED_DATA, and the op then waits for 'waiter', which data, end of file or an exception
   * completes. Nothing is consumed before attempt() returns a result, which is what makes a
   * cancelled read harmless.
   */
  /** The default limit of {@link #readline()} and {@link #readuntil}: 64 KiB. Python: {@code _DEFAULT_LIMIT}. */
  public static final int DEFAULT_LIMIT = 64 * 1024;

  private static final byte[] EMPTY = new byte[0];
  private static final byte[] NEWLINE = {'\n'};
  private static final int MIN_READ_SPACE = 2048;
  private static final Object NEED_DATA = new Object();

  private final int limit;
  private byte[] buf = new byte[4096];
  private ByteBuffer view = ByteBuffer.wrap(buf);
  private int start;
  private int end;
  private boolean eof;
  private Throwable exception;
  private Future<Void> waiter;
  private Transport transport;
  private boolean paused;
  private EventLoop loop;

  /** A reader with the default limit, 64 KiB. Python: {@code StreamReader()}. */
  public StreamReader() {
    this(DEFAULT_LIMIT);
  }

  /** A reader whose {@link #readline()} and {@link #readuntil} refuse lines longer than {@code limit}. */
  public StreamReader(int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("Limit cannot be <= 0");
    }
    this.limit = limit;
  }

  void setTransport(Transport transport) {
    this.transport = transport;
    this.loop = transport.getLoop();
  }

  /** How many bytes are buffered. */
  private int size() {
    return end - start;
  }

  // ---- fed by the transport (or by hand)

  /** Adds {@code data} to what can be read. Python: {@code feed_data()}. */
  public void feedData(byte[] data) {
    if (eof) {
      throw new IllegalStateException("feed_data after feed_eof");
    }
    if (data.length == 0) {
      return;
    }
    ensureSpace(data.length);
    System.arraycopy(data, 0, buf, end, data.length);
    readCompleted(data.length);
  }

  /** Marks the end of the stream: reads return what is left, then nothing. Python: {@code feed_eof()}. */
  public void feedEof() {
    eof = true;
    wakeWaiter();
  }

  /** Whether the stream ended and every byte was read. Python: {@code at_eof()}. */
  public boolean atEof() {
    return eof && size() == 0;
  }

  /** The error the connection failed with, or null. Python: {@code exception()}. */
  public Throwable exception() {
    return exception;
  }

  /** Makes every later read throw {@code error}, and wakes a waiting one with it. Python: {@code set_exception()}. */
  public void setException(Throwable error) {
    exception = error;
    Future<Void> w = waiter;
    if (w != null) {
      waiter = null;
      if (!w.done()) {
        w.fail(error);
        w.markRetrieved(); // the waiting read throws it; nobody else looks at this future
      }
    }
  }

  boolean eofSeen() {
    return eof;
  }

  /** Free space at the end of the buffer for the transport to read into. */
  ByteBuffer bufferForRead() {
    ensureSpace(MIN_READ_SPACE);
    view.limit(buf.length).position(end);
    return view;
  }

  /** The transport read {@code n} bytes into {@link #bufferForRead()}. */
  void readCompleted(int n) {
    end += n;
    wakeWaiter();
    if (transport != null && !paused && size() > 2 * limit) {
      paused = true;
      transport.pauseReading();
    }
  }

  private void ensureSpace(int n) {
    if (start == end) {
      start = 0;
      end = 0;
    }
    if (buf.length - end >= n) {
      return;
    }
    int size = size();
    if (start > 0 && buf.length - size >= n && size <= buf.length / 2) {
      System.arraycopy(buf, start, buf, 0, size);
    } else {
      byte[] bigger = new byte[Math.max(buf.length * 2, size + n)];
      System.arraycopy(buf, start, bigger, 0, size);
      buf = bigger;
      view = ByteBuffer.wrap(buf);
    }
    start = 0;
    end = size;
  }

  private void wakeWaiter() {
    Future<Void> w = waiter;
    if (w != null) {
      waiter = null;
      w.completeIfPending(null);
    }
  }

  private void maybeResume() {
    if (paused && size() <= limit) {
      paused = false;
      transport.resumeReading();
    }
  }

  private byte[] take(int n) {
    byte[] data = Arrays.copyOfRange(buf, start, start + n);
    start += n;
    maybeResume();
    return data;
  }

  private Future<Void> waitForData(String what) {
    if (waiter != null) {
      throw new IllegalStateException(
          what + "() called while another coroutine is already waiting for incoming data");
    }
    if (eof) {
      throw new AssertionError("waitForData after EOF");
    }
    if (paused) {
      paused = false;
      transport.resumeReading();
    }
    EventLoop owner = loop != null ? loop : EventLoop.running("StreamReader." + what + "()");
    Future<Void> w = new Future<>(owner);
    waiter = w;
    return w;
  }

  private void throwIfFailed() {
    if (exception != null) {
      throw Exceptions.sneakyThrow(exception);
    }
  }

  // ---- reads

  /**
   * Reads up to {@code n} bytes: what is buffered, or waits for some. An empty array means the
   * stream has ended. {@code n < 0} reads until the end of the stream. Python: {@code read(n=-1)}.
   */
  public Coroutine<byte[]> read(int n) throws IOException {
    return new Op<>("read") {
      ByteArrayOutputStream all;

      @Override
      Object attempt() {
        throwIfFailed();
        if (n == 0) {
          return EMPTY;
        }
        if (n < 0) {
          if (size() > 0) {
            if (all == null) {
              all = new ByteArrayOutputStream();
            }
            all.write(buf, start, size());
            start = end;
            maybeResume();
          }
          if (!eof) {
            return NEED_DATA;
          }
          return all == null ? EMPTY : all.toByteArray();
        }
        if (size() == 0) {
          return eof ? EMPTY : NEED_DATA;
        }
        return take(Math.min(n, size()));
      }
    };
  }

  /** Reads until the end of the stream. Python: {@code read()}. */
  public Coroutine<byte[]> read() throws IOException {
    return read(-1);
  }

  /**
   * Reads one line, {@code \n} included. At the end of the stream, gives the partial last line, or
   * an empty array. A line longer than the limit throws {@link IllegalArgumentException} (Python's
   * {@code ValueError}) and is dropped. Python: {@code readline()}.
   */
  public Coroutine<byte[]> readline() throws IOException {
    return new Op<>("readline") {
      final ReadUntil until = new ReadUntil(NEWLINE);

      @Override
      Object attempt() {
        try {
          return until.attempt();
        } catch (IncompleteReadError e) {
          return e.partial();
        } catch (LimitOverrunError e) {
          if (startsWith(NEWLINE, start + e.consumed())) {
            start += e.consumed() + NEWLINE.length;
          } else {
            start = end;
          }
          maybeResume();
          throw new IllegalArgumentException(e.getMessage(), e);
        }
      }
    };
  }

  /**
   * Reads up to and including {@code separator}. Python: {@code readuntil(separator=b'\n')}.
   *
   * @throws IncompleteReadError (when awaited) if the stream ends first; its {@code partial()} has
   *     what was left, which is consumed
   * @throws LimitOverrunError (when awaited) if the limit is reached first; the data stays
   */
  public Coroutine<byte[]> readuntil(byte[] separator) throws IOException {
    if (separator.length == 0) {
      throw new IllegalArgumentException("Separator should be at least one-byte string");
    }
    ReadUntil until = new ReadUntil(separator.clone());
    return new Op<>("readuntil") {
      @Override
      Object attempt() {
        return until.attempt();
      }
    };
  }

  /** {@link #readuntil(byte[])} with {@code \n}. */
  public Coroutine<byte[]> readuntil() throws IOException {
    return readuntil(NEWLINE);
  }

  /**
   * Reads exactly {@code n} bytes. Python: {@code readexactly(n)}.
   *
   * @throws IncompleteReadError (when awaited) if the stream ends first
   */
  public Coroutine<byte[]> readexactly(int n) throws IOException {
    if (n < 0) {
      throw new IllegalArgumentException("readexactly size can not be less than zero");
    }
    return new Op<>("readexactly") {
      @Override
      Object attempt() {
        throwIfFailed();
        if (n == 0) {
          return EMPTY;
        }
        if (size() >= n) {
          return take(n);
        }
        if (eof) {
          byte[] incomplete = take(size());
          throw new IncompleteReadError(incomplete, n);
        }
        return NEED_DATA;
      }
    };
  }

  /**
   * Copies into {@code dst} what is buffered, up to its remaining space, or waits for some: the
   * number of bytes copied, or {@code -1} at the end of the stream. Not in asyncio (a Java
   * addition, after {@code sock_recv_into}): it reads without making a new array each time.
   */
  public Coroutine<Integer> readInto(ByteBuffer dst) throws IOException {
    return new Op<>("readInto") {
      @Override
      Object attempt() {
        throwIfFailed();
        if (!dst.hasRemaining()) {
          return 0;
        }
        int size = size();
        if (size == 0) {
          return eof ? -1 : NEED_DATA;
        }
        int n = Math.min(size, dst.remaining());
        dst.put(buf, start, n);
        start += n;
        maybeResume();
        return n;
      }
    };
  }

  private boolean startsWith(byte[] prefix, int at) {
    if (end - at < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (buf[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Where {@code sep} starts in the buffer at or after {@code from} (absolute), or -1. */
  private int find(byte[] sep, int from) {
    byte first = sep[0];
    int last = end - sep.length;
    for (int i = from; i <= last; i++) {
      if (buf[i] == first && startsWith(sep, i)) {
        return i;
      }
    }
    return -1;
  }

  /** The search of readuntil, which remembers how far it has looked between waits. */
  private final class ReadUntil {
    final byte[] separator;
    int offset;

    ReadUntil(byte[] separator) {
      this.separator = separator;
    }

    Object attempt() {
      throwIfFailed();
      int seplen = separator.length;
      int isep;
      while (true) {
        int buflen = size();
        if (buflen - offset >= seplen) {
          int found = find(separator, start + offset);
          if (found >= 0) {
            isep = found - start;
            break;
          }
          offset = buflen + 1 - seplen;
          if (offset > limit) {
            throw new LimitOverrunError(
                "Separator is not found, and chunk exceed the limit", offset);
          }
        }
        if (eof) {
          byte[] chunk = take(size());
          throw new IncompleteReadError(chunk, null);
        }
        return NEED_DATA;
      }
      if (isep > limit) {
        throw new LimitOverrunError("Separator is found, but chunk is longer than limit", isep);
      }
      return take(isep + seplen);
    }
  }

  /** A read: tries, and waits for data while it cannot finish. */
  private abstract class Op<T> extends Procedure<T> {
    private final String what;
    private Future<Void> mine;

    Op(String what) {
      super("StreamReader." + what);
      this.what = what;
    }

    abstract Object attempt();

    @Override
    final Object step(Object value, Throwable error) throws Throwable {
      if (mine != null) {
        // Back from a wait: woken by data, end of file or an error, or cancelled (the bytes stay).
        if (waiter == mine) {
          waiter = null;
        }
        mine = null;
        if (error != null) {
          throw error;
        }
      }
      Object result = attempt();
      if (result != NEED_DATA) {
        return result;
      }
      mine = waitForData(what);
      return await(mine);
    }
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("<StreamReader");
    if (size() > 0) {
      s.append(' ').append(size()).append(" bytes");
    }
    if (eof) {
      s.append(" eof");
    }
    if (limit != DEFAULT_LIMIT) {
      s.append(" limit=").append(limit);
    }
    if (waiter != null) {
      s.append(" waiter=").append(waiter);
    }
    if (exception != null) {
      s.append(" exception=").append(exception);
    }
    if (transport != null) {
      s.append(" transport=").append(transport);
    }
    if (paused) {
      s.append(" paused");
    }
    return s.append('>').toString();
  }
}
