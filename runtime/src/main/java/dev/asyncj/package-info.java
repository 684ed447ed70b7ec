/**
 * Python's asyncio in Java: {@code @Async} methods, {@link dev.asyncj.Await#of Await.of}, and the
 * asyncio API under its own names in camelCase.
 *
 * <p>Module functions are static methods of {@link dev.asyncj.Asyncio} ({@code import static
 * dev.asyncj.Asyncio.*;}): {@code run}, {@code sleep}, {@code gather}, {@code createTask}, {@code
 * waitFor}, {@code timeout}, {@code shield}, {@code asCompleted}, {@code toThread}, {@code
 * currentTask}, {@code allTasks}... Classes keep asyncio's names: {@link dev.asyncj.Future}, {@link
 * dev.asyncj.Task}, {@link dev.asyncj.TaskGroup}, {@link dev.asyncj.Timeout}, {@link
 * dev.asyncj.Queue}, {@link dev.asyncj.Lock}, {@link dev.asyncj.Event}, {@link
 * dev.asyncj.Condition}, {@link dev.asyncj.Semaphore}, {@link dev.asyncj.EventLoop}, {@link
 * dev.asyncj.Runner}. Keyword arguments are overloads. Exceptions keep asyncio's names and extend
 * the JDK exception that means the same: {@link dev.asyncj.CancelledError} a {@code
 * CancellationException}, {@link dev.asyncj.InvalidStateError} and {@link dev.asyncj.QueueFull} an
 * {@code IllegalStateException}, {@link dev.asyncj.QueueEmpty} a {@code NoSuchElementException};
 * {@link dev.asyncj.TimeoutError} and {@link dev.asyncj.ExceptionGroup} are plain unchecked
 * exceptions. Python's built-in errors become the JDK's: {@code RuntimeError} is {@code
 * IllegalStateException}, {@code ValueError} and {@code TypeError} are {@code
 * IllegalArgumentException}.
 *
 * <p>Streams (TCP, on a {@code java.nio} selector that the loop waits on only while it watches
 * channels): {@code openConnection(host, port)} and {@code startServer(handler, host, port)} of
 * {@link dev.asyncj.Asyncio}, {@link dev.asyncj.StreamReader} ({@code read}, {@code readline},
 * {@code readexactly}, {@code readuntil}, {@code atEof}), {@link dev.asyncj.StreamWriter} ({@code
 * write}, {@code drain}, {@code close}, {@code waitClosed}, {@code getExtraInfo}), {@link
 * dev.asyncj.Server} ({@code serveForever}, {@code close}, {@code waitClosed}, {@code
 * closeClients}...), {@link dev.asyncj.Transport}, and the loop's {@code addReader}, {@code
 * addWriter}, {@code removeReader}, {@code removeWriter}. Their errors are {@link
 * java.io.IOException}s, declared by the methods that make the coroutines: the JDK's own types
 * where asyncio uses Python's built-in ones ({@code ConnectionRefusedError} is {@link
 * java.net.ConnectException}, {@code ConnectionResetError} a {@link java.net.SocketException}).
 * The reads' own errors are unchecked under asyncio's names: {@link dev.asyncj.IncompleteReadError}
 * an {@link java.io.UncheckedIOException} caused by an {@link java.io.EOFException}, as Python's is
 * an {@code EOFError}, and {@link dev.asyncj.LimitOverrunError} a {@link RuntimeException}, as
 * Python's is a plain {@code Exception}.
 *
 * <p>Where Java forced another spelling:
 *
 * <ul>
 *   <li>{@code asyncio.wait(fs)} is {@code Asyncio.wait(fs)}, always qualified: inside a class, an
 *       unqualified {@code wait(...)} is {@link Object#wait()}.
 *   <li>{@code event.wait()} is {@link dev.asyncj.Event#await()}; {@code cond.wait()}, {@code
 *       notify(n)}, {@code notify_all()} are {@link dev.asyncj.Condition#await()}, {@link
 *       dev.asyncj.Condition#signal(int)}, {@link dev.asyncj.Condition#signalAll()}: {@code wait}
 *       and {@code notify} are final methods of {@code Object}; the new names are those of {@code
 *       java.util.concurrent.locks.Condition}.
 *   <li>{@code async with x:} is {@code try (x) { ... }} in an {@code @Async} method, for an
 *       {@link dev.asyncj.AsyncCloseable}: {@code TaskGroup}, {@code timeout(d)}, {@code Lock},
 *       {@code Semaphore}, {@code Condition}. The processor awaits its entry when the block
 *       starts and its exit when the block is left, with the exception leaving it (which the exit
 *       may swallow, as {@code __aexit__} returning true does).
 *   <li>{@code wait}'s {@code (done, pending)} is a {@link dev.asyncj.DoneAndPending}; {@code
 *       return_when} is a {@link dev.asyncj.ReturnWhen}.
 *   <li>{@code open_connection}'s {@code (reader, writer)} is a {@link dev.asyncj.Connection}
 *       record with {@code reader()} and {@code writer()}; a server's handler gets the two as
 *       arguments, as in Python ({@link dev.asyncj.ClientConnected}).
 * </ul>
 *
 * <p>The types that generated code calls live in {@code dev.asyncj.internal}, which is not API.
 */
package dev.asyncj;
