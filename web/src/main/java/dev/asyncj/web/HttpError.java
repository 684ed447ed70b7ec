package dev.asyncj.web;

/**
 * Thrown by an endpoint to answer with an error status: FastAPI's {@code HTTPException(status_code,
 * detail)}. The response is {@code {"detail": ...}} as JSON, as FastAPI writes it.
 */
public class HttpError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient Object detail;

  public HttpError(int status, Object detail) {
    super(status + ": " + detail);
    this.status = status;
    this.detail = detail;
  }

  public int status() {
    return status;
  }

  public Object detail() {
    return detail;
  }
}
