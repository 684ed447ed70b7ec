package dev.asyncj.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A response an endpoint builds itself, when JSON with status 200 is not what it wants: FastAPI's
 * {@code Response}, {@code JSONResponse}, {@code PlainTextResponse}.
 */
public final class Response {
  final int status;
  final String contentType;
  final byte[] body;
  final List<String[]> headers = new ArrayList<>();

  private Response(int status, String contentType, byte[] body) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
  }

  /** A response with {@code body} as it is. */
  public static Response of(int status, String contentType, byte[] body) {
    return new Response(status, contentType, body);
  }

  /** A {@code text/plain; charset=utf-8} response. */
  public static Response text(int status, String text) {
    return new Response(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  /** A JSON response: {@code value} serialized by Jackson. */
  public static Response json(int status, Object value) {
    return new Response(status, "application/json", Json.bytes(value));
  }

  /** Adds a header (not {@code Content-Length}, which the server writes). */
  public Response header(String name, String value) {
    headers.add(new String[] {name, value});
    return this;
  }

  public int status() {
    return status;
  }

  public byte[] body() {
    return body;
  }
}
