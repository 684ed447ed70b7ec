package dev.asyncj.processor;

import static com.google.common.truth.Truth.assertThat;
import static dev.asyncj.processor.TestPrograms.runMain;

import org.junit.jupiter.api.Test;

/** Exceptions cross awaits unchanged, the same object, from where they are thrown to the awaiter. */
class ExceptionsTest {
  @Test
  void anExceptionThrownAfterAnAwaitEndsTheCoroutine() {
    TestPrograms.Run run =
        runMain(
            """
            @Async static Coroutine<Void> main() {
              Await.of(sleep(1));
              System.out.println("about to fail");
              throw new IllegalArgumentException("bad input");
            }
            """);
    assertThat(run.output()).isEqualTo("about to fail\n");
    assertThat(run.thrown()).isInstanceOf(IllegalArgumentException.class);
    assertThat(run.thrown()).hasMessageThat().isEqualTo("bad input");
  }

  @Test
  void anExceptionOfAnAwaitedCoroutineReachesTheAwaiterUnchanged() {
    TestPrograms.Run run =
        runMain(
            """
            static RuntimeException thrown;

            @Async static Coroutine<Integer> inner() {
              Await.of(sleep(1));
              thrown = new IllegalStateException("inner failed");
              throw thrown;
            }

            @Async static Coroutine<Integer> middle() {
              int value = Await.of(inner());
              System.out.println("never " + value);
              return done(value);
            }

            @Async static Coroutine<Boolean> main() {
              Await.of(middle());
              return done(false);
            }

            static RuntimeException thrown() {
              return thrown;
            }
            """);
    assertThat(run.output()).isEmpty();
    assertThat(run.thrown()).hasMessageThat().isEqualTo("inner failed");
  }

  @Test
  void aCheckedExceptionDeclaredWithThrowsReachesTheAwaiter() {
    TestPrograms.Run run =
        runMain(
            """
            @Async static Coroutine<Void> read() throws java.io.IOException {
              Await.of(sleep(1));
              throw new java.io.IOException("disk");
            }

            @Async static Coroutine<Void> main() throws java.io.IOException {
              Await.of(read());
              return done();
            }
            """);
    assertThat(run.thrown()).isInstanceOf(java.io.IOException.class);
    assertThat(run.thrown()).hasMessageThat().isEqualTo("disk");
  }

  @Test
  void anExceptionBeforeTheFirstAwaitIsThrownWhenAwaitedNotWhenCalled() {
    TestPrograms.Run run =
        runMain(
            """
            @Async static Coroutine<Void> fails() {
              throw new UnsupportedOperationException("now");
            }

            @Async static Coroutine<Void> main() {
              Coroutine<Void> coroutine = fails();
              System.out.println("called");
              Await.of(coroutine);
              return done();
            }
            """);
    assertThat(run.output()).isEqualTo("called\n");
    assertThat(run.thrown()).isInstanceOf(UnsupportedOperationException.class);
  }
}
