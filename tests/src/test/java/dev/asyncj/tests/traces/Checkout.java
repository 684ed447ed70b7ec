package dev.asyncj.tests.traces;

import static dev.asyncj.Asyncio.done;
import static dev.asyncj.Asyncio.sleep;

import dev.asyncj.Async;
import dev.asyncj.Await;
import dev.asyncj.Coroutine;

/** A program for the stack-trace tests: an exception three awaits deep. */
class Checkout {
  @Async
  static Coroutine<Integer> price(String item) {
    Await.of(sleep(1));
    int[] prices = {3, 5};
    return done(prices[item.length()]); // throws here
  }

  @Async
  static Coroutine<Integer> total(String first, String second) {
    int sum = Await.of(price(first)); // awaits price
    sum += Await.of(price(second)); // awaits price again
    return done(sum);
  }

  @Async
  static Coroutine<Integer> pay() {
    Await.of(sleep(0));
    return done(Await.of(total("a", "abc"))); // awaits total
  }
}
