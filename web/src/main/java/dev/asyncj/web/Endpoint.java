package dev.asyncj.web;

import dev.asyncj.Coroutine;

/**
 * What answers a request: usually an {@code @Async} method, as FastAPI's {@code async def} path
 * operation. Its value becomes the response: a {@link Response} as it is, anything else as JSON
 * (Jackson: maps, lists, records, strings, numbers...). {@code null} answers {@code null}, as
 * FastAPI does for {@code None}.
 */
@FunctionalInterface
public interface Endpoint {
  /** Answers {@code request}; may throw {@link HttpError} for an error status. */
  Coroutine<?> handle(Request request) throws Exception;

  /** An endpoint that does not look at the request: {@code app.get("/", Main::hello)}. */
  @FunctionalInterface
  interface NoRequest {
    Coroutine<?> handle() throws Exception;
  }
}
