package pages;

import dev.asyncj.*;
import static dev.asyncj.Asyncio.*;
import java.util.*;

public class Pages {
  @Async static Coroutine<String> fetch(String url) {
    Await.of(sleep(1));
    return done("<" + url + ">");
  }

  @Async static Coroutine<List<String>> fetchAll(List<String> urls) {
    List<String> pages = new ArrayList<>();
    for (String url : urls) {
      try {
        pages.add(Await.of(fetch(url)));
      } catch (IllegalStateException e) {
        System.out.println("failed: " + url);
      } finally {
        System.out.println("done: " + url);
      }
    }
    return done(pages);
  }

  @Async static Coroutine<Integer> size(String kind) {
    int bytes = switch (kind) {
      case "small" -> 10;
      case "page" -> Await.of(fetch(kind)).length();
      default -> {
        String page = Await.of(fetch(kind));
        yield page.length() * 2;
      }
    };
    return done(bytes);
  }
}
