package dev.asyncj.processor;

import com.google.auto.service.AutoService;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * The asyncj annotation processor: turns every {@code @Async} method into a state-machine class
 * and makes the method return it.
 *
 * <p>For each compilation unit of each round: find the {@code @Async} methods and check that every
 * {@code Await.of} is where a coroutine can suspend; for each method, validate it, then (if it has
 * no errors) cut its body into states, write the state machine's source, and register the method so
 * that, once javac has written its class file, its body is replaced by {@code return new
 * StateMachine(this, args...)}. Every class of a unit is read, so that an {@code Await.of} outside
 * an {@code @Async} method is reported too. The processor never claims an annotation.
 */
@AutoService(Processor.class)
@SupportedOptions({AsyncProcessor.DEBUG_OPTION, AsyncProcessor.DIAGRAMS_OPTION})
public final class AsyncProcessor extends AbstractProcessor {
  /** {@code -Aasyncj.debug=true}: internal errors print their stack trace. */
  static final String DEBUG_OPTION = "asyncj.debug";

  /** {@code -Aasyncj.diagrams=true}: a Mermaid state diagram next to each state machine. */
  static final String DIAGRAMS_OPTION = "asyncj.diagrams";

  private Trees trees;
  private Scopes bodyScopes;
  private ErrorReporter errors;
  private AsyncResources.Detector asyncResources;
  private ClassFilePatcher patcher;
  private MethodValidator validator;
  private StateMachineWriter writer;
  private boolean javac;
  private boolean reportedNotJavac;
  /** Names of the classes this processor generated: never read back as user code. */
  private final Set<String> generated = new HashSet<>();
  private final Set<CompilationUnitTree> seen =
      Collections.newSetFromMap(new IdentityHashMap<>());

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*"); // every class, to find Await.of outside @Async methods
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(ProcessingEnvironment environment) {
    super.init(environment);
    try {
      trees = Trees.instance(environment);
      JavacTask task = JavacTask.instance(environment);
      patcher =
          new ClassFilePatcher(
              environment.getFiler(),
              environment.getMessager(),
              environment.getTypeUtils(),
              environment.getElementUtils());
      task.addTaskListener(patcher);
      javac = true;
    } catch (IllegalArgumentException | IllegalStateException notJavac) {
      javac = false;
    }
    errors = new ErrorReporter(environment.getMessager(), trees);
    bodyScopes = new Scopes(trees);
    asyncResources =
        new AsyncResources.Detector(
            bodyScopes, environment.getTypeUtils(), environment.getElementUtils());
    validator = new MethodValidator(errors, environment.getElementUtils());
    writer = new StateMachineWriter(environment.getElementUtils());
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (!javac) {
      reportNotJavac(annotations);
      return false;
    }
    List<CompilationUnitTree> units = new ArrayList<>();
    for (Element root : round.getRootElements()) {
      if (!(root instanceof TypeElement type)
          || generated.contains(type.getQualifiedName().toString())) {
        continue;
      }
      TreePath path = trees.getPath(root);
      if (path != null && seen.add(path.getCompilationUnit())) {
        units.add(path.getCompilationUnit());
      }
    }
    for (CompilationUnitTree unit : units) {
      processUnit(unit);
    }
    return false; // never claim: other processors may want the same classes
  }

  private void processUnit(CompilationUnitTree unit) {
    ApiCalls api = ApiCalls.of(unit);
    List<TreePath> methods = UnitScanner.scan(unit, api, errors, asyncResources);
    if (methods.isEmpty()) {
      return;
    }
    SourceFile source = new SourceFile(unit, trees);
    Set<String> namesInUse = namesInUse(unit);
    Map<TypeElement, Map<String, Integer>> overloads = new HashMap<>();
    List<ExecutableElement> elements = new ArrayList<>();
    Map<TypeElement, EnclosingScope> scopes = new HashMap<>();
    for (TreePath path : methods) {
      ExecutableElement element = (ExecutableElement) trees.getElement(path);
      elements.add(element);
      overloads
          .computeIfAbsent((TypeElement) element.getEnclosingElement(), k -> new HashMap<>())
          .merge(element.getSimpleName().toString(), 1, Integer::sum);
    }
    for (int i = 0; i < methods.size(); i++) {
      ExecutableElement element = elements.get(i);
      boolean overloaded =
          overloads.get(element.getEnclosingElement()).get(element.getSimpleName().toString()) > 1;
      processMethod(methods.get(i), element, source, api, namesInUse, overloaded, scopes);
    }
  }

  private void processMethod(
      TreePath path,
      ExecutableElement element,
      SourceFile source,
      ApiCalls api,
      Set<String> namesInUse,
      boolean overloaded,
      Map<TypeElement, EnclosingScope> scopes) {
    if (!validator.validateSignature(element)) {
      return;
    }
    TypeElement owner = (TypeElement) element.getEnclosingElement();
    String name = stateMachineName(element, overloaded);
    // One scope per class: it indexes the class's members once for all its @Async methods.
    EnclosingScope scope =
        scopes.computeIfAbsent(
            owner, type -> new EnclosingScope(processingEnv.getElementUtils(), type, source.unit()));
    AsyncMethod method = new AsyncMethod(element, path, source, api, scope, name);
    int before = errors.errorCount();
    validator.validateBody(method);
    if (errors.errorCount() > before) {
      return;
    }
    try {
      AsyncResources resources = AsyncResources.of(path, asyncResources);
      Suspensions suspensions = Suspensions.of(method.tree().getBody(), api, resources);
      new Hoisting(method, suspensions, bodyScopes, processingEnv.getTypeUtils()).run();
      if (!checkFieldTypes(method)) {
        return;
      }
      Copier copier =
          new Copier(method, processingEnv.getTypeUtils(), processingEnv.getElementUtils());
      StateBuilder states = new StateBuilder(method, suspensions, resources, copier);
      states.build();
      String code = writer.write(method, states, namesInUse);
      String qualified =
          scope.packageName().isEmpty() ? name : scope.packageName() + "." + name;
      JavaFileObject file = processingEnv.getFiler().createSourceFile(qualified, element);
      try (Writer out = file.openWriter()) {
        out.write(code);
      }
      generated.add(qualified);
      if (Boolean.parseBoolean(processingEnv.getOptions().get(DIAGRAMS_OPTION))) {
        states.recordExceptionMoves();
        javax.tools.FileObject diagram =
            processingEnv.getFiler().createResource(
                javax.tools.StandardLocation.SOURCE_OUTPUT, scope.packageName(), name + ".mmd", element);
        try (Writer out = diagram.openWriter()) {
          out.write(StateDiagram.mermaid(method, states));
        }
      }
      patcher.register(
          element,
          name,
          method.usesOuterInstance() ? method.outerClass() : null,
          source.declarationLine(method.tree()));
      if (!method.privateAccess().isEmpty()) {
        patcher.registerPrivateAccess(
            qualified, element, method.privateAccess().usesConstructors() ? method.privateAccess().factoryName() : null);
      }
      patcher.registerSourceLines(
          qualified,
          source.fileName(),
          StateMachineWriter.userLines(
              code, source.fileName(), source.declarationLine(method.tree())));
    } catch (StateBuilder.Unsupported unsupported) {
      errors.error(
          unsupported.path().getLeaf(),
          source.unit(),
          Message.UNSUPPORTED_YET,
          unsupported.construct());
    } catch (StateBuilder.Rejected rejected) {
      errors.error(rejected.path().getLeaf(), source.unit(), rejected.message(), rejected.args());
    } catch (ErrorReporter.AbortMethod aborted) {
      // Its errors are reported.
    } catch (IOException | RuntimeException e) {
      reportInternalError(element, method.displayName(), e);
    }
  }

  /** Reports hoisted locals whose type cannot be written as a field; false if there were any. */
  private boolean checkFieldTypes(AsyncMethod method) {
    int before = errors.errorCount();
    for (LocalVariable variable : method.names().variables()) {
      if (!variable.hoisted()) {
        continue;
      }
      TypeMirror type = variable.type();
      String problem = null;
      if (type.getKind() == TypeKind.INTERSECTION) {
        problem = "an intersection type, " + type;
      } else if (type.getKind() == TypeKind.ERROR) {
        return false; // javac reports the missing type itself
      } else if (type instanceof DeclaredType declared
          && ((TypeElement) declared.asElement()).getNestingKind().isNested()
          && !((TypeElement) declared.asElement()).getNestingKind().name().equals("MEMBER")) {
        problem = "an anonymous or local class";
      }
      if (problem != null) {
        errors.error(
            variable.declarationTree(),
            method.source().unit(),
            Message.NON_DENOTABLE_VAR,
            variable.name(),
            problem);
      }
    }
    return errors.errorCount() == before;
  }

  /**
   * {@code Outer$Inner$method}, with the parameter types when the name is overloaded ({@code
   * Download$fetch_int}). Named like a nested class of the method's class on purpose: debuggers
   * that look for {@code Download$*} classes when a breakpoint is set in {@code Download.java} find
   * it, and a stack trace reads {@code Download$printNumbers.resume(Download.java:16)}.
   */
  private String stateMachineName(ExecutableElement method, boolean overloaded) {
    StringBuilder name = new StringBuilder();
    for (Element e = method.getEnclosingElement(); e instanceof TypeElement type; e = e.getEnclosingElement()) {
      name.insert(0, type.getSimpleName() + "$");
    }
    name.append(method.getSimpleName());
    if (overloaded) {
      for (VariableElement parameter : method.getParameters()) {
        String erased = processingEnv.getTypeUtils().erasure(parameter.asType()).toString();
        name.append('_')
            .append(erased.substring(erased.lastIndexOf('.') + 1).replace("[]", "Array"));
      }
    }
    return name.toString();
  }

  /**
   * Every simple name the unit's code or imports use: JavaPoet must not import a type under one of
   * these names, or the copied code would mean something else.
   */
  private static Set<String> namesInUse(CompilationUnitTree unit) {
    Set<String> names = new HashSet<>();
    for (ImportTree anImport : unit.getImports()) {
      String imported = anImport.getQualifiedIdentifier().toString();
      names.add(imported.substring(imported.lastIndexOf('.') + 1));
    }
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        names.add(tree.getName().toString());
        return null;
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        names.add(tree.getSimpleName().toString());
        return super.visitClass(tree, null);
      }
    }.scan(unit, null);
    names.remove("");
    return names;
  }

  private void reportInternalError(Element element, String method, Exception e) {
    String detail = e.toString();
    if (Boolean.parseBoolean(processingEnv.getOptions().get(DEBUG_OPTION))) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      detail = trace.toString();
    }
    errors.error(element, Message.INTERNAL_ERROR, method, detail);
  }

  private void reportNotJavac(Set<? extends TypeElement> annotations) {
    boolean asyncUsed =
        annotations.stream().anyMatch(a -> a.getQualifiedName().contentEquals(RuntimeNames.ASYNC));
    if (asyncUsed && !reportedNotJavac) {
      reportedNotJavac = true;
      processingEnv.getMessager().printMessage(
          Diagnostic.Kind.ERROR, Message.NOT_JAVAC.format(processingEnv.getClass().getName()));
    }
  }
}
