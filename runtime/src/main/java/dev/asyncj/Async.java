package dev.asyncj;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose body may wait with {@link Await#of Await.of(...)}: Python's {@code async def}.
 *
 * <p>The method must return {@link Coroutine Coroutine&lt;T&gt;} and end with {@code return
 * done(value);} (or {@code return done();} for {@code Coroutine<Void>}). At compile time the asyncj
 * processor turns its body into a state-machine class; calling the method then returns that state
 * machine without running any of the body, exactly as calling an {@code async def} function returns
 * a coroutine object.
 *
 * <p>A constructor cannot be {@code @Async} (it must return the new object); the processor says so
 * and suggests a static {@code @Async} factory method.
 *
 * <pre>{@code
 * @Async static Coroutine<String> hello() {      // async def hello():
 *   System.out.println("Hello");                 //     print("Hello")
 *   Await.of(sleep(1));                          //     await asyncio.sleep(1)
 *   return done("World");                        //     return "World"
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
// CONSTRUCTOR only so that the processor, not javac's generic message, explains why it cannot be.
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface Async {}
