package dev.asyncj.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eclipse.jetty.http.HttpField;

/**
 * One HTTP request, as an endpoint receives it: method, path, query, headers, and the whole body
 * (already read, whether sent with {@code Content-Length} or chunked).
 */
public final class Request {
  private final String method;
  private final String target;
  private final String version;
  private final List<HttpField> headers;
  private final byte[] body;

  Request(String method, String target, String version, List<HttpField> headers, byte[] body) {
    this.method = method;
    this.target = target;
    this.version = version;
    this.headers = headers;
    this.body = body;
  }

  /** {@code GET}, {@code POST}... */
  public String method() {
    return method;
  }

  /** The request target as sent: path and query, {@code /items?q=1}. */
  public String target() {
    return target;
  }

  /** {@code HTTP/1.1} or {@code HTTP/1.0}. */
  public String version() {
    return version;
  }

  /** The path, without the query, not decoded. */
  public String path() {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  /** The query string without {@code ?}, or {@code ""}. */
  public String queryString() {
    int q = target.indexOf('?');
    return q < 0 ? "" : target.substring(q + 1);
  }

  /** The first value of query parameter {@code name}, decoded, or {@code null}. */
  public String query(String name) {
    for (String pair : queryString().split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (key.equals(name)) {
        return eq < 0 ? "" : decode(pair.substring(eq + 1));
      }
    }
    return null;
  }

  /** {@link #query(String)} or {@code otherwise} when absent. */
  public String query(String name, String otherwise) {
    String value = query(name);
    return value != null ? value : otherwise;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The first value of header {@code name} (any case), or {@code null}. */
  public String header(String name) {
    for (HttpField field : headers) {
      if (field.is(name)) {
        return field.getValue();
      }
    }
    return null;
  }

  /** Every value of header {@code name}, in order. */
  public List<String> headers(String name) {
    List<String> values = new ArrayList<>();
    for (HttpField field : headers) {
      if (field.is(name)) {
        values.add(field.getValue());
      }
    }
    return values;
  }

  /** The header names, in the order received. */
  public List<String> headerNames() {
    List<String> names = new ArrayList<>();
    for (HttpField field : headers) {
      names.add(field.getName());
    }
    return Collections.unmodifiableList(names);
  }

  /** The body: empty when there is none. */
  public byte[] body() {
    return body;
  }

  /** The body as UTF-8 text. */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "<Request " + method + " " + target + " " + version + ", " + body.length + " bytes>";
  }
}
