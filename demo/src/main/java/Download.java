import dev.asyncj.*;
import static dev.asyncj.Asyncio.*;

public class Download {
  @Async static Coroutine<Void> downloadFile() {
    System.out.println("开始下载...");
    Await.of(sleep(5));                  // suspends; the loop runs other work meanwhile
    System.out.println("下载完成!");
    return done();
  }

  @Async static Coroutine<Void> printNumbers() {
    for (int i = 1; i <= 5; i++) {
      System.out.println(i);
      Await.of(sleep(1));
    }
    return done();
  }

  @Async static Coroutine<Void> amain() {
    Await.of(gather(downloadFile(), printNumbers()));
    return done();
  }

  public static void main(String[] args) {
    run(amain());                        // about 5 s, not 10 s
  }
}
