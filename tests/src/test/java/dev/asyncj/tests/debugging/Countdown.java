package dev.asyncj.tests.debugging;

import static dev.asyncj.Asyncio.done;
import static dev.asyncj.Asyncio.run;
import static dev.asyncj.Asyncio.sleep;

import dev.asyncj.Async;
import dev.asyncj.Await;
import dev.asyncj.Coroutine;

/** A program for the debugger test: a loop whose local {@code left} lives across awaits. */
public class Countdown {
  @Async
  static Coroutine<Integer> count(int from) {
    int left = from;
    int steps = 0;
    while (left > 0) {
      Await.of(sleep(0));
      steps++; // breakpoint here
      left--;
    }
    return done(steps);
  }

  public static void main(String[] args) {
    System.out.println("steps: " + run(count(3)));
  }
}
