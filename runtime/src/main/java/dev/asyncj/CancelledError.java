package dev.asyncj;

import java.util.concurrent.CancellationException;

/**
 * Thrown at the await where a cancelled task is suspended, and by {@code result()} of a cancelled
 * future or task. Python: {@code asyncio.CancelledError}.
 *
 * <p>It extends {@link CancellationException}, the JDK's exception for the same thing, so Java
 * code waiting on a task through {@link Future#toCompletableFuture()} sees a cancelled future.
 *
 * <p>The one difference from Python to keep in mind: there it is a {@code BaseException}, which
 * {@code except Exception:} does not catch; here it is unchecked, and {@code catch (Exception e)}
 * (or {@code catch (RuntimeException e)}) catches it. A handler that means "any error" must let
 * the cancellation through, as Python code catching {@code BaseException} must:
 *
 * <pre>{@code
 * try {
 *   Await.of(fetch());
 * } catch (CancelledError e) {
 *   throw e;                       // stop: the task was cancelled
 * } catch (Exception e) {
 *   log(e);                        // any other failure
 * }
 * }</pre>
 *
 * <p>Catching it and going on is allowed (the task then completes normally, its {@link
 * Task#cancelling()} count unchanged), as in Python; code that does so on purpose usually calls
 * {@link Task#uncancel()}.
 */
public class CancelledError extends CancellationException {
  private static final long serialVersionUID = 1L;

  /** Creates an error with no message. */
  public CancelledError() {}

  /** Creates an error carrying the message given to {@code cancel(message)}, which may be null. */
  public CancelledError(String message) {
    super(message);
  }
}
