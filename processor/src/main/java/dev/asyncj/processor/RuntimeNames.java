package dev.asyncj.processor;

import com.palantir.javapoet.ClassName;

/**
 * The runtime's names the processor depends on, by name only: the processor jar must work without
 * the runtime on the processor path.
 */
final class RuntimeNames {
  private RuntimeNames() {}

  static final String PACKAGE = "dev.asyncj";
  static final String ASYNC = "dev.asyncj.Async";
  static final String AWAIT = "dev.asyncj.Await";
  static final String ASYNCIO = "dev.asyncj.Asyncio";
  static final String COROUTINE = "dev.asyncj.Coroutine";
  static final String ASYNC_CLOSEABLE = "dev.asyncj.AsyncCloseable";

  static final ClassName STATE_MACHINE = ClassName.get("dev.asyncj.internal", "StateMachine");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  static final ClassName ASYNC_SOURCE = ClassName.get("dev.asyncj.internal", "AsyncSource");

  /** The value of {@code @Generated} on every generated class. */
  static final String PROCESSOR = "dev.asyncj.processor.AsyncProcessor";
}
