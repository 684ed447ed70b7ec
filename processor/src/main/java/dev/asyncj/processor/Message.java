package dev.asyncj.processor;

/**
 * Every message the processor can print, in one place: what is wrong, why, and what to do. The
 * wording is part of the product and tests spell it out literally.
 */
enum Message {
  ASYNC_RETURN_TYPE(
      "an @Async method that does not return Coroutine<T>",
      "@Async method %s must return Coroutine<T>, not %s: calling it returns the coroutine, and"
          + " awaiting that gives the value. Declare it 'Coroutine<%s> %s(...)' and end it with"
          + " 'return done(value);' ('return done();' for Coroutine<Void>).",
      "@Async static Coroutine<String> hello() { return done(\"World\"); }"),
  ASYNC_ABSTRACT(
      "@Async on an abstract method",
      "@Async method %s is abstract, so it has no body to turn into a state machine. Put @Async on"
          + " the methods that implement it; the abstract declaration just returns Coroutine<T>.",
      "abstract Coroutine<Double> area();   @Override @Async Coroutine<Double> area() { ... }"),
  ASYNC_NATIVE(
      "@Async on a native method",
      "@Async method %s is native, so it has no body to turn into a state machine. Remove @Async, or"
          + " write the method in Java.",
      "static native int compute();   @Async static Coroutine<Integer> computeLater() { ... }"),
  ASYNC_NOT_MEMBER(
      "@Async in a local or anonymous class",
      "@Async method %s is declared in a local or anonymous class, whose name the generated state"
          + " machine cannot refer to. Move the method to a named (top-level or member) class.",
      "static class Worker { @Async Coroutine<Void> run() { ... } }"),
  ASYNC_CONSTRUCTOR(
      "@Async on a constructor",
      "@Async cannot be used on a constructor: a constructor returns the new object, not a"
          + " coroutine. Write a static @Async factory method that awaits what it needs and then"
          + " calls the constructor.",
      "@Async static Coroutine<Connection> open(String url) { Socket s = Await.of(connect(url)); return done(new Connection(s)); }"),
  AWAIT_OUTSIDE_ASYNC(
      "Await.of outside an @Async method",
      "Await.of can only be used in an @Async method, and %s is not one: only an @Async method is"
          + " turned into a state machine that can suspend. Mark it @Async and make it return"
          + " Coroutine<T>, or await in the @Async method that calls it.",
      "@Async static Coroutine<Void> main() { Await.of(sleep(1)); return done(); }"),
  AWAIT_IN_INITIALIZER(
      "Await.of in an initializer or constructor",
      "Await.of cannot be used in %s: it runs while the object or class is created, which cannot"
          + " suspend. Await in an @Async method and pass the value in, e.g. a static @Async factory"
          + " method.",
      "@Async static Coroutine<Config> load() { return done(new Config(Await.of(read()))); }"),
  AWAIT_IN_LAMBDA(
      "Await.of inside a lambda",
      "Await.of cannot be used inside a lambda: the lambda's body runs later, as an ordinary method,"
          + " so it cannot suspend %s. Await before the lambda and use the value inside it, or move"
          + " the lambda's work into an @Async method and await that.",
      "String page = Await.of(fetch(url)); lines.forEach(line -> print(page, line));"),
  AWAIT_IN_CLASS_BODY(
      "Await.of inside an anonymous or local class",
      "Await.of cannot be used inside the body of an anonymous or local class: its methods are"
          + " ordinary methods that cannot suspend %s. Await in %s itself and pass the value in, or"
          + " make the method of a named class @Async.",
      "String page = Await.of(fetch(url)); Runnable show = new Runnable() { public void run() { print(page); } };"),
  AWAIT_METHOD_REFERENCE(
      "Await::of",
      "Await::of cannot be used as a method reference: an await must be written where the method"
          + " suspends. Write Await.of(x) in the body of %s.",
      "for (Coroutine<String> c : pages) { texts.add(Await.of(c)); }"),
  AWAIT_IN_SYNCHRONIZED(
      "Await.of inside synchronized",
      "Await.of cannot be used inside a synchronized block: the monitor would be held while the"
          + " coroutine is suspended and other tasks run on this thread. Await outside the block,"
          + " or use an asyncio Lock (dev.asyncj.Lock) to protect the section across awaits.",
      "Await.of(lock.acquire()); try { Await.of(save()); } finally { lock.release(); }"),
  SYNCHRONIZED_ASYNC_METHOD(
      "a synchronized @Async method",
      "@Async method %s cannot be synchronized: it returns its coroutine at once, so the monitor"
          + " would guard nothing, and the body runs later across awaits. Remove 'synchronized'"
          + " and use an asyncio Lock (dev.asyncj.Lock) inside the method if needed.",
      "@Async Coroutine<Void> update() { Await.of(lock.acquire()); try { ... } finally { lock.release(); } return done(); }"),
  AWAIT_IN_ASSERT(
      "Await.of inside assert",
      "Await.of cannot be used inside an assert statement: whether it runs would depend on -ea."
          + " Await first, into a local, then assert on the local.",
      "boolean ready = Await.of(check()); assert ready;"),
  AWAIT_IN_CASE_GUARD(
      "Await.of in the guard of a case",
      "Await.of cannot be used in the guard of a case ('when ...'): the guard is tested while the"
          + " switch chooses its case, and that choice cannot stop half-way and resume. Await"
          + " before the switch, into a local, and test the local in the guard.",
      "boolean open = Await.of(isOpen(door)); switch (door) { case Gate g when open -> pass(g); default -> stop(); }"),
  UNSUPPORTED_YET(
      "a construct asyncj cannot take apart yet",
      "Await.of inside %s is not supported yet: rather than translate it unfaithfully, asyncj"
          + " refuses it. Await into a local variable before it, and use the local there.",
      "int size = Await.of(count()); ... size ...   // instead of the await inside the construct"),
  ASYNC_RESOURCE_OUTSIDE_ASYNC(
      "a try-with-resources over an AsyncCloseable (async with) outside an @Async method",
      "%s is an AsyncCloseable, Python's async with: its try-with-resources must be directly in an"
          + " @Async method, which awaits its entry and exit, and %s is not. Move the block into an"
          + " @Async method and await that.",
      "@Async Coroutine<Void> fetchAll() { try (TaskGroup tg = new TaskGroup()) { tg.createTask(fetch(a)); } return done(); }"),
  SUPER_IN_ASYNC(
      "super.m() in an @Async method",
      "'super.%s' cannot be used in @Async method %s: the body runs in the generated state-machine"
          + " class, which cannot call your superclass's version. Call it from an ordinary helper"
          + " method of your class, e.g. 'Foo super%s(...) { return super.%s(...); }', and call"
          + " that.",
      "String superDescribe() { return super.describe(); }   ... Await.of(sleep(1)); return done(superDescribe());"),
  PRIVATE_MEMBER(
      "a private member asyncj cannot reach",
      "%s is private, and @Async method %s uses it where the generated class %s cannot reach it: in"
          + " the body of a nested class, or with a private type in its signature, or in an"
          + " interface or another class. Make it package-private (remove 'private').",
      "int count;   // instead of: private int count;"),
  PROTECTED_MEMBER_OF_OTHER_PACKAGE(
      "a protected member inherited from another package",
      "%s is protected and declared in another package (%s), and @Async method %s uses it: the"
          + " body runs in the generated class %s, which is not a subclass. Call it through an"
          + " ordinary (package-private) helper method of your class.",
      "int baseSize() { return size(); }   // then call baseSize() in the @Async method"),
  RETURN_NULL(
      "return null in an @Async method",
      "'return null;' in @Async method %s returns no coroutine at all. Write 'return done(null);'"
          + " for a null value, or 'return done();' in a Coroutine<Void> method.",
      "return done(null);"),
  OUTER_INSTANCE(
      "an instance two classes out",
      "'%s' in @Async method %s refers to an instance two or more classes out, which the generated"
          + " state machine cannot reach: it is given only the object whose method was called and"
          + " the instance of the class just around it. Pass the value in as a parameter.",
      "@Async Coroutine<Integer> read(int counter) { Await.of(sleep(1)); return done(counter); }"),
  LOCAL_CLASS_DECLARATION(
      "a local class in an @Async method that awaits",
      "A local %s cannot be declared in an @Async method that awaits: the method is cut into"
          + " states, and the %s's name would only be known in one of them. Declare it as a member"
          + " of the enclosing class instead.",
      "static class Box { String value = \"x\"; }   // a member of the enclosing class"),
  NON_DENOTABLE_VAR(
      "a var whose type cannot be written, across an await",
      "'var %s' has a type that cannot be written down (%s), so it cannot be kept across an await"
          + " in a field of the state machine. Declare the variable with a named type.",
      "static class Counter { int count; }   Counter counter = new Counter();"),
  INTERNAL_ERROR(
      "an internal error",
      "asyncj internal error while transforming %s: %s. This is a bug in asyncj, not in your code;"
          + " please report it with this method. Compile with -Aasyncj.debug=true for the stack"
          + " trace.",
      null),
  PATCH_FAILED(
      "the class file could not be rewritten",
      "asyncj could not rewrite %s in the class file of %s so that it returns its state machine:"
          + " %s",
      null),
  NOT_JAVAC(
      "a compiler other than javac",
      "asyncj needs javac's compiler API (com.sun.source) to read method bodies, and this compiler"
          + " (%s) does not provide it. Compile with javac, the JDK's compiler.",
      null);

  private final String title;
  private final String template;
  private final String example;

  Message(String title, String template, String example) {
    this.title = title;
    this.template = template;
    this.example = example;
  }

  /**
   * The message with its placeholders filled in, in order, followed by the short example of what to
   * write instead.
   */
  String format(Object... args) {
    String message = String.format(template, args);
    return example == null ? message : message + " For example: " + example;
  }

  /** What the error is about, in a few words: the heading of its entry in docs/errors.md. */
  String title() {
    return title;
  }

  /** A short example of what to write instead, or null for errors that are not about your code. */
  String example() {
    return example;
  }

  /** The message's template, with {@code %s} where the specifics go. */
  String template() {
    return template;
  }
}
