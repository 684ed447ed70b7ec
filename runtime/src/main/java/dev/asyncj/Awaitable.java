package dev.asyncj;

/**
 * Something {@link Await#of Await.of} can wait for: a {@link Coroutine} or a {@link Future} (and so
 * a {@link Task}). Python: an awaitable.
 *
 * @param <T> the type of the value the wait produces
 */
public sealed interface Awaitable<T> permits Coroutine, Future {}
