package dev.asyncj.web;

import static dev.asyncj.Asyncio.done;
import static dev.asyncj.Asyncio.sleep;

import dev.asyncj.Async;
import dev.asyncj.Await;
import dev.asyncj.Coroutine;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tutorial's FastAPI example, in Java:
 *
 * <pre>
 * from fastapi import FastAPI                      App app = new App();
 * app = FastAPI()
 *
 * &#64;app.get("/")                                    app.get("/", Main::hello);
 * async def hello():                               &#64;Async static Coroutine&lt;Map&lt;String, String&gt;&gt; hello() {
 *     return {"message": "Hello, async world!"}      return done(Map.of("message", "Hello, async world!"));
 *                                                  }
 * </pre>
 *
 * <p>{@code java -jar web/target/asyncj-web.jar [--host H] [--port N]} serves it on
 * 127.0.0.1:8000 by default, as uvicorn does; {@code curl localhost:8000/} answers {@code
 * {"message":"Hello, async world!"}}. {@code GET /sleep?seconds=1} awaits {@code sleep} before it
 * answers: many of them at once all finish after one second, since none blocks the loop. {@code POST
 * /echo} answers the JSON it was sent.
 */
public final class Main {
  private Main() {}

  /** GET /: the tutorial's endpoint. */
  @Async
  static Coroutine<Map<String, String>> hello() {
    return done(Map.of("message", "Hello, async world!"));
  }

  /** GET /sleep?seconds=s: waits without blocking anyone else, then says how long. */
  @Async
  static Coroutine<Map<String, Object>> slow(Request request) {
    double seconds;
    try {
      seconds = Double.parseDouble(request.query("seconds", "1"));
    } catch (NumberFormatException e) {
      throw new HttpError(422, "seconds must be a number");
    }
    if (!(seconds >= 0 && seconds <= 60)) {
      throw new HttpError(422, "seconds must be between 0 and 60");
    }
    Await.of(sleep(seconds));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("message", "Hello, async world!");
    answer.put("slept", seconds);
    return done(answer);
  }

  /** POST /echo: the request's JSON body, parsed and written back. */
  @Async
  static Coroutine<Object> echo(Request request) {
    try {
      return done(Json.MAPPER.readValue(request.body(), Object.class));
    } catch (IOException e) {
      throw new HttpError(400, "the body is not JSON: " + e.getMessage());
    }
  }

  /** The application: its three endpoints. */
  public static App app() {
    return new App()
        .get("/", Main::hello)
        .get("/sleep", Main::slow)
        .post("/echo", Main::echo);
  }

  public static void main(String[] args) throws IOException {
    String host = "127.0.0.1";
    int port = 8000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port":
          port = Integer.parseInt(args[++i]);
          break;
        case "--host":
          host = args[++i];
          break;
        default:
          System.err.println("usage: java -jar asyncj-web.jar [--host 127.0.0.1] [--port 8000]");
          System.exit(2);
      }
    }
    app().run(host, port);
  }
}
