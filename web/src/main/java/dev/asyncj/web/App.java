package dev.asyncj.web;

import static dev.asyncj.Asyncio.done;

import dev.asyncj.Async;
import dev.asyncj.Asyncio;
import dev.asyncj.Await;
import dev.asyncj.Coroutine;
import dev.asyncj.EventLoop;
import dev.asyncj.Server;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A web application: paths and methods mapped to endpoints, FastAPI's {@code FastAPI()}.
 *
 * <pre>{@code
 * App app = new App();
 * app.get("/", Main::hello);          // @app.get("/")  async def hello(): ...
 * app.run("127.0.0.1", 8000);         // uvicorn.run(app, host=..., port=...)
 * }</pre>
 */
public final class App {
  /** Path → (method → endpoint), in the order added. */
  final Map<String, Map<String, Endpoint>> routes = new LinkedHashMap<>();

  /** Answers {@code GET path} (and {@code HEAD path}) with {@code endpoint}. FastAPI: {@code @app.get(path)}. */
  public App get(String path, Endpoint endpoint) {
    return route("GET", path, endpoint);
  }

  /** {@link #get(String, Endpoint)} for an endpoint that does not need the request. */
  public App get(String path, Endpoint.NoRequest endpoint) {
    return route("GET", path, request -> endpoint.handle());
  }

  /** Answers {@code POST path}. FastAPI: {@code @app.post(path)}. */
  public App post(String path, Endpoint endpoint) {
    return route("POST", path, endpoint);
  }

  /** Answers {@code method path} (an exact path) with {@code endpoint}. */
  public App route(String method, String path, Endpoint endpoint) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("a path starts with '/': " + path);
    }
    routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, endpoint);
    return this;
  }

  /**
   * Starts serving on {@code host}:{@code port} (port 0: any free port) and gives the running
   * server; await its {@link WebServer#serveForever()} or {@link WebServer#shutdown()}.
   */
  public Coroutine<WebServer> serve(String host, int port) throws IOException {
    return serve(host, port, new Settings());
  }

  /** {@link #serve(String, int)} with limits and timeouts. */
  @Async
  public Coroutine<WebServer> serve(String host, int port, Settings settings) throws IOException {
    WebServer web = new WebServer(this, settings);
    Server server = Await.of(Asyncio.startServer(web::connected, host, port, 64 * 1024, 1024));
    web.started(server);
    return done(web);
  }

  /**
   * Serves on {@code host}:{@code port} until the process is interrupted (Ctrl+C) or terminated,
   * then shuts down gracefully: requests in flight finish. Blocks. uvicorn: {@code
   * uvicorn.run(app, host, port)}.
   */
  public void run(String host, int port) throws IOException {
    run(host, port, new Settings());
  }

  /** {@link #run(String, int)} with limits and timeouts. */
  public void run(String host, int port, Settings settings) throws IOException {
    EventLoop loop = Asyncio.newEventLoop();
    CountDownLatch stopped = new CountDownLatch(1);
    WebServer[] running = new WebServer[1];
    Thread hook = new Thread(() -> {
      try {
        loop.callSoonThreadsafe(() -> {
          if (running[0] != null) {
            running[0].close();
          }
        });
        stopped.await((long) (settings.shutdownTimeout + 5), TimeUnit.SECONDS);
      } catch (IllegalStateException | InterruptedException loopGone) {
        // already stopped
      }
    }, "asyncj-web-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      WebServer server = loop.runUntilComplete(serve(host, port, settings));
      running[0] = server;
      System.out.println("asyncj serving on " + server.url() + " (Press CTRL+C to quit)");
      loop.runUntilComplete(server.serveForever());
    } finally {
      loop.close();
      stopped.countDown();
    }
  }
}
