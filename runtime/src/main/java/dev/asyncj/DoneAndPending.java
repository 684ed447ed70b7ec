package dev.asyncj;

import java.util.Set;

/**
 * What {@link Asyncio#wait Asyncio.wait} gives: the futures that are done and those still pending,
 * each set in the order the futures were given. Python: the {@code (done, pending)} tuple.
 *
 * <pre>{@code
 * DoneAndPending<Task<String>> r = Await.of(Asyncio.wait(tasks, FIRST_COMPLETED));
 * for (Task<String> t : r.done()) { ... }
 * }</pre>
 *
 * @param done the futures that are done
 * @param pending the futures that are not
 * @param <F> the type of the futures
 */
public record DoneAndPending<F extends Future<?>>(Set<F> done, Set<F> pending) {}
