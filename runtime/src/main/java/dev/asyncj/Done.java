package dev.asyncj;

/**
 * The coroutine {@link Asyncio#done(Object)} returns: one that is finished as soon as it starts.
 * Inside {@code @Async} methods the processor turns {@code return done(x);} into returning {@code
 * x}, so this class is only met when {@code done(x)} is used as a value elsewhere.
 *
 * @param <T> the type of the value
 */
final class Done<T> extends Coroutine<T> {
  private final T value;

  Done(T value) {
    this.value = value;
  }

  @Override
  protected Object resume() {
    return value;
  }

  @Override
  protected String qualifiedName() {
    return "done";
  }
}
