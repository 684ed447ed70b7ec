package dev.asyncj;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * The part of an {@link EventLoop} that watches channels: a {@link Selector} and the reader and
 * writer callbacks registered on it. Python: the selector of {@code
 * selector_events.BaseSelectorEventLoop}, with its {@code _add_reader}, {@code _remove_reader},
 * {@code _add_writer}, {@code _remove_writer} and {@code _process_events}.
 *
 * <p>A loop creates one with its first channel. While no channel is watched ({@link #active()} is
 * false) the loop never calls the selector and parks as before, so a loop without I/O pays
 * nothing for it.
 */
final class SelectorIo {
  /*
   * Maintainer notes.
   *
   * Each channel has one SelectionKey, created with its first callback and kept (interest 0) when
   * both callbacks are removed, so that pausing and resuming reading or writing never cancels and
   * re-registers a key (a cancelled key can only be replaced after a select has flushed it). The
   * key goes away when the channel is closed: closing a registered channel cancels its key, and the
   * JDK releases the file descriptor only when a select deregisters it, so 'flushPending' makes
   * the loop run a select soon after, even when nothing else is watched.
   *
   * 'watched' counts the keys with a non-zero interest: the loop polls or waits on the selector
   * only while it is positive (or a flush is pending).
   *
   * Ready keys are handled by a Consumer given to Selector.select(Consumer, timeout) (JDK 11+),
   * which avoids the selected-key set and its iterator: the callbacks of a ready key go to the end
   * of the ready queue, in the same turn, as asyncio's _process_events does.
   */

  /** The callbacks of one channel: the key's attachment. */
  static final class Watch {
    final SelectableChannel channel;
    SelectionKey key;
    Runnable reader;
    Runnable writer;
    int readOp;
    int writeOp;

    Watch(SelectableChannel channel) {
      this.channel = channel;
    }

    int interest() {
      return (reader != null ? readOp : 0) | (writer != null ? writeOp : 0);
    }
  }

  private final Selector selector;
  private final ReadyQueue ready;
  private final Consumer<SelectionKey> onReady = this::keyReady;
  private int watched;
  private boolean flushPending;

  SelectorIo(ReadyQueue ready) {
    this.ready = ready;
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector for the event loop", e);
    }
  }

  Selector selector() {
    return selector;
  }

  /** Whether the loop must poll or wait on the selector. */
  boolean active() {
    return watched > 0 || flushPending;
  }

  /** Sets or replaces the callback run when {@code channel} is readable (or can accept). */
  void addReader(SelectableChannel channel, Runnable callback) {
    Watch watch = watchOf(channel);
    watch.reader = callback;
    update(watch);
  }

  /** Sets or replaces the callback run when {@code channel} is writable (or has connected). */
  void addWriter(SelectableChannel channel, Runnable callback) {
    Watch watch = watchOf(channel);
    watch.writeOp =
        channel instanceof SocketChannel socket && socket.isConnectionPending()
            ? SelectionKey.OP_CONNECT
            : SelectionKey.OP_WRITE;
    watch.writer = callback;
    update(watch);
  }

  boolean removeReader(SelectableChannel channel) {
    Watch watch = existingWatch(channel);
    if (watch == null || watch.reader == null) {
      return false;
    }
    watch.reader = null;
    update(watch);
    return true;
  }

  boolean removeWriter(SelectableChannel channel) {
    Watch watch = existingWatch(channel);
    if (watch == null || watch.writer == null) {
      return false;
    }
    watch.writer = null;
    update(watch);
    return true;
  }

  /**
   * Forgets {@code channel}, which its owner is about to close: its callbacks are dropped and the
   * next turn selects once so that the JDK releases its file descriptor. A listening channel is
   * deregistered at once, so that closing it stops listening at once: a connection attempted
   * after {@code Server.close()} is refused, as in asyncio, rather than accepted by the kernel and
   * reset when the descriptor is finally released.
   */
  void forget(SelectableChannel channel) {
    Watch watch = existingWatch(channel);
    if (watch != null) {
      if (watch.interest() != 0) {
        watched--;
      }
      watch.reader = null;
      watch.writer = null;
      watch.key.cancel();
      watch.key = null;
      if (channel instanceof ServerSocketChannel) {
        poll(); // deregisters the cancelled key: the channel's close() then closes the socket
        return;
      }
    }
    flushPending = true;
  }

  /** Polls the selector without waiting; ready callbacks go to the ready queue. */
  void poll() {
    flushPending = false;
    try {
      selector.selectNow(onReady);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits on the selector: {@code timeoutMillis} 0 waits until a channel or a wakeup. */
  void select(long timeoutMillis) {
    flushPending = false;
    try {
      selector.select(onReady, timeoutMillis);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void close() {
    try {
      selector.close();
    } catch (IOException e) {
      // nothing left to do with it
    }
  }

  private void keyReady(SelectionKey key) {
    Watch watch = (Watch) key.attachment();
    int ops;
    try {
      ops = key.readyOps();
    } catch (CancelledKeyException gone) {
      return;
    }
    if ((ops & watch.readOp) != 0 && watch.reader != null) {
      ready.add(watch.reader);
    }
    if ((ops & watch.writeOp) != 0 && watch.writer != null) {
      ready.add(watch.writer);
    }
  }

  private Watch existingWatch(SelectableChannel channel) {
    SelectionKey key = channel.keyFor(selector);
    return key == null || !key.isValid() ? null : (Watch) key.attachment();
  }

  private Watch watchOf(SelectableChannel channel) {
    Watch watch = existingWatch(channel);
    if (watch != null) {
      return watch;
    }
    if (channel.isBlocking()) {
      throw new IllegalArgumentException(
          "the channel must be in non-blocking mode (configureBlocking(false)): " + channel);
    }
    SelectionKey stale = channel.keyFor(selector);
    if (stale != null) {
      poll(); // a cancelled key of this channel must be flushed before it can be registered again
    }
    watch = new Watch(channel);
    watch.readOp =
        (channel.validOps() & SelectionKey.OP_ACCEPT) != 0
            ? SelectionKey.OP_ACCEPT
            : SelectionKey.OP_READ;
    watch.writeOp = SelectionKey.OP_WRITE;
    try {
      watch.key = channel.register(selector, 0, watch);
    } catch (ClosedChannelException e) {
      throw new IllegalArgumentException("the channel is closed: " + channel, e);
    }
    return watch;
  }

  private void update(Watch watch) {
    int before = watch.key.interestOps();
    int after = watch.interest();
    if (before == after) {
      return;
    }
    watch.key.interestOps(after);
    if (before == 0) {
      watched++;
    } else if (after == 0) {
      watched--;
    }
  }
}
