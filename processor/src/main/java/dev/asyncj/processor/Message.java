package dev.asyncj.processor;

/**
 * Every message the processor can print, in one place: what is wrong, why, and what to do. The
 * wording is part of the product and tests spell it out literally.
 */
enum Message {
  ASYNC_RETURN_TYPE(
      "@Async method %s must return Coroutine<T>, not %s: calling it returns the coroutine, and"
          + " awaiting that gives the value. Declare it 'Coroutine<%s> %s(...)' and end it with"
          + " 'return done(value);' ('return done();' for Coroutine<Void>)."),
  ASYNC_ABSTRACT(
      "@Async method %s is abstract, so it has no body to turn into a state machine. Put @Async on"
          + " the methods that implement it; the abstract declaration just returns Coroutine<T>."),
  ASYNC_NATIVE(
      "@Async method %s is native, so it has no body to turn into a state machine. Remove @Async, or"
          + " write the method in Java."),
  ASYNC_NOT_MEMBER(
      "@Async method %s is declared in a local or anonymous class, whose name the generated state"
          + " machine cannot refer to. Move the method to a named (top-level or member) class."),
  ASYNC_CONSTRUCTOR(
      "@Async cannot be used on a constructor: a constructor returns the new object, not a"
          + " coroutine. Write a static @Async factory method that awaits what it needs and then"
          + " calls the constructor."),
  AWAIT_OUTSIDE_ASYNC(
      "Await.of can only be used in an @Async method, and %s is not one: only an @Async method is"
          + " turned into a state machine that can suspend. Mark it @Async and make it return"
          + " Coroutine<T>, or await in the @Async method that calls it."),
  AWAIT_IN_INITIALIZER(
      "Await.of cannot be used in %s: it runs while the object or class is created, which cannot"
          + " suspend. Await in an @Async method and pass the value in, e.g. a static @Async factory"
          + " method."),
  AWAIT_IN_LAMBDA(
      "Await.of cannot be used inside a lambda: the lambda's body runs later, as an ordinary method,"
          + " so it cannot suspend %s. Await before the lambda and use the value inside it, or move"
          + " the lambda's work into an @Async method and await that."),
  AWAIT_IN_CLASS_BODY(
      "Await.of cannot be used inside the body of an anonymous or local class: its methods are"
          + " ordinary methods that cannot suspend %s. Await in %s itself and pass the value in, or"
          + " make the method of a named class @Async."),
  AWAIT_METHOD_REFERENCE(
      "Await::of cannot be used as a method reference: an await must be written where the method"
          + " suspends. Write Await.of(x) in the body of %s."),
  AWAIT_IN_SYNCHRONIZED(
      "Await.of cannot be used inside a synchronized block: the monitor would be held while the"
          + " coroutine is suspended and other tasks run on this thread. Await outside the block,"
          + " or use an asyncio Lock (dev.asyncj.Lock) to protect the section across awaits."),
  SYNCHRONIZED_ASYNC_METHOD(
      "@Async method %s cannot be synchronized: it returns its coroutine at once, so the monitor"
          + " would guard nothing, and the body runs later across awaits. Remove 'synchronized'"
          + " and use an asyncio Lock (dev.asyncj.Lock) inside the method if needed."),
  AWAIT_IN_ASSERT(
      "Await.of cannot be used inside an assert statement: whether it runs would depend on -ea."
          + " Await first, into a local, then assert on the local."),
  AWAIT_IN_EXPLICIT_CONSTRUCTOR_CALL(
      "Await.of cannot be used in a this(...) or super(...) call: a constructor cannot suspend."),
  UNSUPPORTED_YET(
      "Await.of inside %s is not supported yet: rather than translate it unfaithfully, asyncj"
          + " refuses it. Await into a local variable first, then use the variable there."),
  SUPER_IN_ASYNC(
      "'super.%s' cannot be used in @Async method %s: the body runs in the generated state-machine"
          + " class, which cannot call your superclass's version. Call it from an ordinary helper"
          + " method of your class, e.g. 'Foo super%s(...) { return super.%s(...); }', and call"
          + " that."),
  PRIVATE_MEMBER(
      "%s is private, and @Async method %s uses it: the body runs in the generated class %s, which"
          + " cannot see private members. Make it package-private (remove 'private')."),
  PROTECTED_MEMBER_OF_OTHER_PACKAGE(
      "%s is protected and declared in another package (%s), and @Async method %s uses it: the"
          + " body runs in the generated class %s, which is not a subclass. Call it through an"
          + " ordinary (package-private) helper method of your class."),
  RETURN_NULL(
      "'return null;' in @Async method %s returns no coroutine at all. Write 'return done(null);'"
          + " for a null value, or 'return done();' in a Coroutine<Void> method."),
  OUTER_INSTANCE(
      "'%s' in @Async method %s refers to an instance two or more classes out, which the generated"
          + " state machine cannot reach: it is given only the object whose method was called and"
          + " the instance of the class just around it. Pass the value in as a parameter."),
  LOCAL_CLASS_DECLARATION(
      "A local %s cannot be declared in an @Async method that awaits: the method is cut into"
          + " states, and the %s's name would only be known in one of them. Declare it as a member"
          + " of the enclosing class instead."),
  NON_DENOTABLE_VAR(
      "'var %s' has a type that cannot be written down (%s), so it cannot be kept across an await"
          + " in a field of the state machine. Declare the variable with a named type."),
  INTERNAL_ERROR(
      "asyncj internal error while transforming %s: %s. This is a bug in asyncj, not in your code;"
          + " please report it with this method. Compile with -Aasyncj.debug=true for the stack"
          + " trace."),
  PATCH_FAILED(
      "asyncj could not rewrite %s in the class file of %s so that it returns its state machine:"
          + " %s"),
  NOT_JAVAC(
      "asyncj needs javac's compiler API (com.sun.source) to read method bodies, and this compiler"
          + " (%s) does not provide it. Compile with javac, the JDK's compiler.");

  private final String template;

  Message(String template) {
    this.template = template;
  }

  /** The message with its placeholders filled in, in order. */
  String format(Object... args) {
    return String.format(template, args);
  }

  /** The message's template, with {@code %s} where the specifics go. */
  String template() {
    return template;
  }
}
