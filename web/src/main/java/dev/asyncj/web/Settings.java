package dev.asyncj.web;

/**
 * The server's limits and timeouts, with defaults close to uvicorn's. Change them before serving:
 * {@code new Settings().keepAliveTimeout(10)}.
 */
public final class Settings {
  int maxRequestLine = 8 * 1024;
  int maxHeaderBytes = 16 * 1024;
  int maxBodyBytes = 1024 * 1024;
  double keepAliveTimeout = 5.0;
  double requestTimeout = 10.0;
  double writeTimeout = 30.0;
  double shutdownTimeout = 10.0;

  /** The longest request line (method, target, version) accepted; longer: 414. Default 8 KiB. */
  public Settings maxRequestLine(int bytes) {
    maxRequestLine = positive(bytes);
    return this;
  }

  /** The most header bytes accepted (request line included); more: 431. Default 16 KiB. */
  public Settings maxHeaderBytes(int bytes) {
    maxHeaderBytes = positive(bytes);
    return this;
  }

  /** The largest request body accepted; larger: 413. Default 1 MiB. */
  public Settings maxBodyBytes(int bytes) {
    maxBodyBytes = positive(bytes);
    return this;
  }

  /**
   * How long an idle keep-alive connection waits for its next request before it is closed, in
   * seconds. Default 5 (uvicorn's {@code timeout_keep_alive}).
   */
  public Settings keepAliveTimeout(double seconds) {
    keepAliveTimeout = positive(seconds);
    return this;
  }

  /**
   * How long a client may take to send a whole request, from its first byte, in seconds; a slower
   * one gets 408 and is closed. Default 10.
   */
  public Settings requestTimeout(double seconds) {
    requestTimeout = positive(seconds);
    return this;
  }

  /**
   * How long a response may wait for a client that does not read it before the connection is
   * dropped, in seconds. Default 30.
   */
  public Settings writeTimeout(double seconds) {
    writeTimeout = positive(seconds);
    return this;
  }

  /**
   * How long a graceful shutdown waits for requests in flight before it drops the connections, in
   * seconds. Default 10.
   */
  public Settings shutdownTimeout(double seconds) {
    shutdownTimeout = positive(seconds);
    return this;
  }

  private static int positive(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("must be > 0: " + n);
    }
    return n;
  }

  private static double positive(double s) {
    if (!(s > 0)) {
      throw new IllegalArgumentException("must be > 0: " + s);
    }
    return s;
  }
}
