package dev.asyncj.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.source.tree.ImportTree;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Writes the state-machine class of one {@code @Async} method with JavaPoet: the file a learner
 * opens next to the method. One class per method, named {@code <Outer>_<Inner>_<method>}, in the
 * method's package; its fields are the method's parameters and the locals that live across awaits,
 * and its {@code resume()} is the dispatch {@code switch} the {@link StateBuilder} made.
 */
final class StateMachineWriter {
  /** The field holding the object whose method was called: {@code this} in the user's code. */
  static final String SELF = "self";

  /** The field holding the enclosing instance of an inner class: {@code Outer.this}. */
  static final String OUTER = "outer";

  private final Elements elements;

  StateMachineWriter(Elements elements) {
    this.elements = elements;
  }

  /** The complete source of the state machine's file. */
  String write(AsyncMethod method, StateBuilder states, Set<String> namesInUse) {
    SourceFile source = method.source();
    TypeSpec.Builder type =
        TypeSpec.classBuilder(method.stateMachineName())
            .addModifiers(Modifier.FINAL)
            .addOriginatingElement(method.element())
            .superclass(ParameterizedTypeName.get(RuntimeNames.STATE_MACHINE, valueType(method)))
            .addJavadoc(classJavadoc(method));
    if (canUseGenerated(method.owner())) {
      type.addAnnotation(
          AnnotationSpec.builder(RuntimeNames.GENERATED)
              .addMember("value", "$S", RuntimeNames.PROCESSOR)
              .build());
    }
    for (TypeParameterElement parameter : typeParameters(method)) {
      type.addTypeVariable(TypeVariableName.get(parameter));
    }

    MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
    if (!method.isStatic()) {
      TypeName selfType = TypeName.get(method.owner().asType());
      type.addField(
          FieldSpec.builder(selfType, SELF, Modifier.FINAL)
              .addJavadoc("The object whose {@code $L} was called: {@code this} in the method.\n",
                  method.element().getSimpleName())
              .build());
      constructor.addParameter(selfType, SELF).addStatement("this.$N = $N", SELF, SELF);
      if (method.outerClass() != null && method.usesOuterInstance()) {
        TypeName outerType = TypeName.get(method.outerClass().asType());
        type.addField(
            FieldSpec.builder(outerType, OUTER, Modifier.FINAL)
                .addJavadoc("The enclosing instance: {@code $L.this} in the method.\n",
                    method.outerClass().getSimpleName())
                .build());
        constructor.addParameter(outerType, OUTER).addStatement("this.$N = $N", OUTER, OUTER);
      }
    }
    for (LocalVariable variable : method.names().variables()) {
      if (!variable.hoisted()) {
        continue;
      }
      TypeName fieldType = TypeName.get(variable.type());
      String name = variable.generatedName();
      int line = source.line(variable.declarationTree());
      if (variable.kind() == LocalVariable.Kind.PARAMETER) {
        type.addField(
            FieldSpec.builder(fieldType, name)
                .addJavadoc("Parameter {@code $L}, $L:$L.\n", variable.name(), source.fileName(), line)
                .build());
        constructor.addParameter(fieldType, name).addStatement("this.$N = $N", name, name);
      } else {
        type.addField(
            FieldSpec.builder(fieldType, name)
                .addJavadoc(
                    "Local {@code $L} of $L:$L, kept here across awaits.\n",
                    variable.name(), source.fileName(), line)
                .build());
      }
    }
    for (Protection.Finally block : states.finallies()) {
      type.addField(
          FieldSpec.builder(int.class, block.leaveField())
              .addJavadoc(
                  "How the try of the $L is being left: the state to go to once it has run,"
                      + " or\n{@code RETURNING} or {@code THROWING}.\n",
                  block.source())
              .build());
      type.addField(
          FieldSpec.builder(Object.class, block.pendingField())
              .addJavadoc(
                  "The value being returned, or the exception being thrown, while the $L runs.\n",
                  block.source())
              .build());
    }
    for (StateBuilder.Temporary temporary : states.temporaries()) {
      type.addField(
          FieldSpec.builder(temporaryType(temporary.type()), temporary.name())
              .addJavadoc("$L.\n", temporary.comment())
              .build());
    }
    PrivateAccess privates = method.privateAccess();
    if (!privates.isEmpty()) {
      addPrivates(type, constructor, method, privates);
    }
    type.addMethod(constructor.build());
    type.addAnnotation(asyncSource(method, states));
    type.addMethod(resume(states));
    type.alwaysQualify(clashingNames(type.build(), method, namesInUse).toArray(new String[0]));

    JavaFile file =
        JavaFile.builder(method.scope().packageName(), type.build())
            .addFileComment(
                "Generated by asyncj from $L in $L. Do not edit.",
                method.displayName(), source.fileName())
            .skipJavaLangImports(true)
            .indent("  ")
            .build();
    return withUserImports(file.toString(), method);
  }

  /**
   * The nested class {@code Privates}, which declares the private members of the user's class that
   * the method uses, and the field {@code privates}, {@code self} typed as it (see {@link
   * PrivateAccess}).
   */
  private void addPrivates(
      TypeSpec.Builder type, MethodSpec.Builder constructor, AsyncMethod method, PrivateAccess privates) {
    String owner = method.owner().getSimpleName().toString();
    List<TypeVariableName> variables = new ArrayList<>();
    for (TypeParameterElement parameter : method.owner().getTypeParameters()) {
      variables.add(TypeVariableName.get(parameter));
    }
    TypeSpec.Builder view =
        TypeSpec.classBuilder(PrivateAccess.CLASS)
            .addModifiers(Modifier.STATIC, Modifier.ABSTRACT)
            .addTypeVariables(variables)
            .addJavadoc(
                "The private members of {@link $L} that the method uses, declared here without"
                    + " {@code private}\nso that javac accepts this code. Only javac sees this class:"
                    + " the class-file step makes each\nuse of it a use of {@code $L} itself, and"
                    + " makes this state machine a nestmate of {@code $L},\nwhich may use its private"
                    + " members (JEP 181).\n",
                EnclosingScope.nameInPackage(method.owner()), owner, owner);
    for (javax.lang.model.element.VariableElement field : privates.fields()) {
      FieldSpec.Builder spec = FieldSpec.builder(TypeName.get(field.asType()), field.getSimpleName().toString());
      if (field.getModifiers().contains(Modifier.STATIC)) {
        spec.addModifiers(Modifier.STATIC);
        if (field.getConstantValue() != null && field.getModifiers().contains(Modifier.FINAL)) {
          // A constant stays a constant (case labels need one); javac copies its value.
          spec.addModifiers(Modifier.FINAL)
              .initializer("$L", elements.getConstantExpression(field.getConstantValue()));
        }
      }
      view.addField(spec.build());
    }
    for (javax.lang.model.element.ExecutableElement member : privates.methods()) {
      MethodSpec.Builder spec =
          MethodSpec.methodBuilder(member.getSimpleName().toString())
              .returns(TypeName.get(member.getReturnType()))
              .varargs(member.isVarArgs());
      for (TypeParameterElement parameter : member.getTypeParameters()) {
        spec.addTypeVariable(TypeVariableName.get(parameter));
      }
      for (javax.lang.model.element.VariableElement parameter : member.getParameters()) {
        spec.addParameter(TypeName.get(parameter.asType()), parameter.getSimpleName().toString());
      }
      for (TypeMirror thrown : member.getThrownTypes()) {
        spec.addException(TypeName.get(thrown));
      }
      if (member.getModifiers().contains(Modifier.STATIC)) {
        spec.addModifiers(Modifier.STATIC)
            .addStatement("throw new $T($S)", AssertionError.class, "replaced by " + owner + "'s own method");
      } else {
        spec.addModifiers(Modifier.ABSTRACT);
      }
      view.addMethod(spec.build());
    }
    type.addType(view.build());
    if (privates.usesConstructors()) {
      for (javax.lang.model.element.ExecutableElement privateConstructor : privates.privateConstructors()) {
        MethodSpec.Builder factory =
            MethodSpec.methodBuilder(privates.factoryName())
                .addModifiers(Modifier.STATIC)
                .addTypeVariables(variables)
                .returns(
                    variables.isEmpty()
                        ? TypeName.get(method.owner().asType())
                        : ParameterizedTypeName.get(
                            ClassName.get(method.owner()), variables.toArray(new TypeName[0])))
                .varargs(privateConstructor.isVarArgs())
                .addJavadoc(
                    "{@code new $L(...)} with its private constructor: the class-file step replaces"
                        + " this body\nwith that call, which this state machine, a nestmate, may"
                        + " make.\n",
                    owner);
        for (javax.lang.model.element.VariableElement parameter : privateConstructor.getParameters()) {
          factory.addParameter(TypeName.get(parameter.asType()), parameter.getSimpleName().toString());
        }
        for (TypeMirror thrown : privateConstructor.getThrownTypes()) {
          factory.addException(TypeName.get(thrown));
        }
        factory.addStatement("throw new $T($S)", AssertionError.class, "replaced by new " + owner + "(...)");
        type.addMethod(factory.build());
      }
    }
    if (privates.usesInstanceMembers()) {
      ClassName viewName = ClassName.get(method.scope().packageName(), method.stateMachineName(), PrivateAccess.CLASS);
      TypeName viewType =
          variables.isEmpty() ? viewName : ParameterizedTypeName.get(viewName, variables.toArray(new TypeName[0]));
      type.addField(
          FieldSpec.builder(viewType, PrivateAccess.FIELD, Modifier.FINAL)
              .addJavadoc("{@code self} again, typed so that its private members can be named.\n")
              .build());
      constructor.addStatement("this.$N = ($T) (Object) $N", PrivateAccess.FIELD, viewType, SELF);
      if (!variables.isEmpty()) {
        constructor.addAnnotation(
            AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "unchecked").build());
      }
    }
  }

  /**
   * {@code @AsyncSource(className = "demo.Download", method = "printNumbers", file =
   * "Download.java", lines = {12, 13, 15, 17})}: what the runtime needs to name the coroutine and to
   * say where it is suspended.
   */
  private AnnotationSpec asyncSource(AsyncMethod method, StateBuilder states) {
    CodeBlock lines =
        states.states().stream()
            .map(state -> CodeBlock.of("$L", state.line))
            .collect(CodeBlock.joining(", ", "{", "}"));
    return AnnotationSpec.builder(RuntimeNames.ASYNC_SOURCE)
        .addMember("className", "$S", elements.getBinaryName(method.owner()).toString())
        .addMember("method", "$S", method.element().getSimpleName())
        .addMember("file", "$S", method.source().fileName())
        .addMember("lines", "$L", lines)
        .build();
  }

  /**
   * For each line of the generated file (index 0 is line 1), the line of the user's file it comes
   * from, read from the {@code // Download.java:15} comments: the class-file step puts these lines
   * in the state machine's line table, so that stack traces and debuggers lead to the user's code.
   */
  static int[] userLines(String generated, String fileName, int methodLine) {
    String[] lines = generated.split("\n", -1);
    int[] map = new int[lines.length];
    java.util.regex.Pattern reference =
        java.util.regex.Pattern.compile("// " + java.util.regex.Pattern.quote(fileName) + ":(\\d+)(?:-(\\d+))?");
    int current = methodLine;
    int rangeNext = -1;
    int rangeEnd = -1;
    boolean inResume = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      inResume |= line.contains("protected Object resume()");
      java.util.regex.Matcher matcher = reference.matcher(line);
      if (rangeNext >= 0 && rangeNext <= rangeEnd && !line.strip().startsWith("case ")) {
        current = rangeNext++;
      } else if (inResume && matcher.find()) {
        current = Integer.parseInt(matcher.group(1));
        rangeNext = -1;
        if (matcher.group(2) != null && line.strip().startsWith("//")) {
          // A statement copied over several lines follows, one source line per line.
          rangeNext = current;
          rangeEnd = Integer.parseInt(matcher.group(2));
        }
      }
      map[i] = current;
    }
    return map;
  }

  /**
   * The simple names JavaPoet must not import: those the user's file uses for a different type than
   * the one the generated class names (the copied code must keep its meaning).
   */
  private Set<String> clashingNames(TypeSpec type, AsyncMethod method, Set<String> namesInUse) {
    Set<ClassName> used = new LinkedHashSet<>();
    collect(type.superclass(), used);
    used.add(RuntimeNames.GENERATED);
    used.add(ClassName.get(Override.class));
    used.add(ClassName.get(SuppressWarnings.class));
    used.add(ClassName.OBJECT);
    used.add(ClassName.get(String.class));
    used.add(ClassName.get(Throwable.class));
    for (FieldSpec field : type.fieldSpecs()) {
      collect(field.type(), used);
    }
    Set<String> clashing = new HashSet<>();
    for (ClassName name : used) {
      ClassName top = name.topLevelClassName();
      String simple = top.simpleName();
      if (!namesInUse.contains(simple)) {
        continue;
      }
      TypeElement meant = method.scope().visibleType(simple);
      if (meant == null || !meant.getQualifiedName().contentEquals(top.canonicalName())) {
        clashing.add(simple);
      }
    }
    return clashing;
  }

  private static void collect(TypeName type, Set<ClassName> into) {
    if (type instanceof ClassName name) {
      into.add(name);
    } else if (type instanceof ParameterizedTypeName parameterized) {
      into.add(parameterized.rawType());
      parameterized.typeArguments().forEach(argument -> collect(argument, into));
    } else if (type instanceof ArrayTypeName array) {
      collect(array.componentType(), into);
    } else if (type instanceof WildcardTypeName wildcard) {
      wildcard.upperBounds().forEach(bound -> collect(bound, into));
      wildcard.lowerBounds().forEach(bound -> collect(bound, into));
    } else if (type instanceof TypeVariableName variable) {
      variable.bounds().forEach(bound -> collect(bound, into));
    }
  }

  private static TypeName temporaryType(String type) {
    switch (type) {
      case "boolean":
        return TypeName.BOOLEAN;
      case "int":
        return TypeName.INT;
      default:
        return ClassName.OBJECT;
    }
  }

  private MethodSpec resume(StateBuilder states) {
    MethodSpec.Builder resume =
        MethodSpec.methodBuilder("resume")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PROTECTED)
            .returns(Object.class)
            .addException(Throwable.class)
            .addJavadoc(
                "Runs the method from {@code state} to its next await (returning {@code SUSPENDED})"
                    + " or to its end\n(returning its value).\n");
    List<String> suppressed = new ArrayList<>();
    if (states.fallsThrough()) {
      suppressed.add("fallthrough"); // a finished await falls into the case that follows it
    }
    if (states.usesUncheckedCasts()) {
      suppressed.add("unchecked"); // (List<String>) awaitedValue(): the awaited value has that type
    }
    if (states.declaresResourcesForKeptLocals()) {
      suppressed.add("try"); // try (var r = this.r) for try (r): the body need not use r
    }
    if (!suppressed.isEmpty()) {
      resume.addAnnotation(
          AnnotationSpec.builder(SuppressWarnings.class)
              .addMember(
                  "value",
                  suppressed.size() == 1 ? "$S" : "{$L}",
                  suppressed.size() == 1
                      ? suppressed.get(0)
                      : suppressed.stream().map(w -> "\"" + w + "\"").collect(java.util.stream.Collectors.joining(", ")))
              .build());
    }
    List<StateBuilder.Router> routers = states.routers();
    boolean loop = states.usesDispatchLoop() || !routers.isEmpty();
    CodeBlock.Builder body = CodeBlock.builder();
    if (loop) {
      if (states.usesDispatchLabel()) {
        body.add("$L:\n", states.dispatchLabel());
      }
      body.beginControlFlow("while (true)");
    }
    if (!routers.isEmpty()) {
      body.beginControlFlow("try");
    }
    body.beginControlFlow("switch (state)");
    for (StateBuilder.State state : states.states()) {
      String code = state.code.render(states::resolveLabels);
      String comment = StateBuilder.neutralised(state.comment);
      if (state.declaresLocals) {
        body.add("case $L: { // $L\n", state.label.number(), comment);
      } else {
        body.add("case $L: // $L\n", state.label.number(), comment);
      }
      body.indent().add("$L", code).unindent();
      if (state.declaresLocals) {
        body.add("}\n");
      }
    }
    body.add("default:\n").indent().addStatement("throw unknownState()").unindent();
    body.endControlFlow();
    if (!routers.isEmpty()) {
      // Exceptions from the states inside a try that was cut into states: route them by 'state'.
      body.nextControlFlow("catch (Throwable $L)", StateBuilder.THROWN);
      body.beginControlFlow("switch (state)");
      for (StateBuilder.Router router : routers) {
        for (StateBuilder.State state : router.states()) {
          body.add("case $L:\n", state.label.number());
        }
        body.indent().add("$L", router.code().render(states::resolveLabels)).unindent();
      }
      body.add("default:\n").indent().addStatement("throw $L", StateBuilder.THROWN).unindent();
      body.endControlFlow();
      body.endControlFlow();
    }
    if (loop) {
      body.endControlFlow();
    }
    return resume.addCode(body.build()).build();
  }

  private static CodeBlock classJavadoc(AsyncMethod method) {
    String link =
        EnclosingScope.nameInPackage(method.owner()) + "#" + method.javadocSignature();
    return CodeBlock.builder()
        .add("The state machine of {@link $L}:\n", link)
        .add("calling that method returns a new one, which runs nothing until it is awaited.\n\n")
        .add(
            "<p>How to read it: each {@code case} of {@link #resume()} runs the part of the method"
                + " between two\nawaits, {@code state} says which case runs next, and the locals"
                + " that live across an await are\nfields. See \"Read the generated code\" in"
                + " asyncj's README.\n")
        .build();
  }

  /** {@code T} of {@code Coroutine<T>}, the method's return type. */
  private static TypeName valueType(AsyncMethod method) {
    TypeMirror returnType = method.element().getReturnType();
    if (returnType instanceof DeclaredType declared && !declared.getTypeArguments().isEmpty()) {
      TypeName argument = TypeName.get(declared.getTypeArguments().get(0));
      return argument.isPrimitive() ? argument.box() : argument;
    }
    return ClassName.OBJECT;
  }

  /**
   * The type parameters the state machine needs: the method's, and for an instance method those of
   * its class and of the classes that enclose it (its {@code this} is an instance of them all).
   */
  private static List<TypeParameterElement> typeParameters(AsyncMethod method) {
    List<TypeParameterElement> parameters = new ArrayList<>();
    if (!method.isStatic()) {
      List<TypeElement> classes = new ArrayList<>();
      for (Element e = method.owner(); e instanceof TypeElement type; e = e.getEnclosingElement()) {
        classes.add(type);
        if (type.getModifiers().contains(Modifier.STATIC) || !type.getNestingKind().isNested()) {
          break;
        }
      }
      Collections.reverse(classes);
      for (TypeElement type : classes) {
        parameters.addAll(type.getTypeParameters());
      }
    }
    parameters.addAll(method.element().getTypeParameters());
    return parameters;
  }

  /**
   * Whether {@code @javax.annotation.processing.Generated} may be used: not in a named module that
   * does not read {@code java.compiler}, where it would not compile (google/dagger#4321).
   */
  private boolean canUseGenerated(TypeElement owner) {
    ModuleElement module = elements.getModuleOf(owner);
    if (module == null || module.isUnnamed()) {
      return elements.getTypeElement(RuntimeNames.GENERATED.canonicalName()) != null;
    }
    return module.getDirectives().stream()
        .filter(d -> d.getKind() == ModuleElement.DirectiveKind.REQUIRES)
        .map(d -> ((ModuleElement.RequiresDirective) d).getDependency().getQualifiedName().toString())
        .anyMatch("java.compiler"::equals);
  }

  /**
   * Adds the user's own imports after the package declaration: the copied code names types and
   * static members as the user's file imports them.
   */
  private static String withUserImports(String file, AsyncMethod method) {
    SourceFile source = method.source();
    // Member types of the classes around the method are in scope there by their simple names; here
    // they must be imported, and they shadow a user import of the same simple name.
    Map<String, String> memberTypes = new LinkedHashMap<>();
    for (TypeElement type : method.scope().memberTypes()) {
      if (!type.getModifiers().contains(Modifier.PRIVATE)) {
        memberTypes.putIfAbsent(type.getSimpleName().toString(), type.getQualifiedName().toString());
      }
    }
    StringBuilder imports = new StringBuilder();
    for (ImportTree anImport : source.unit().getImports()) {
      String imported = anImport.getQualifiedIdentifier().toString();
      String simple = imported.substring(imported.lastIndexOf('.') + 1);
      if (!anImport.isStatic() && memberTypes.containsKey(simple)) {
        continue;
      }
      imports.append(source.text(anImport).strip()).append('\n');
    }
    if (!method.scope().packageName().isEmpty()) {
      // (In the unnamed package they cannot be imported: the copier names them Outer.Inner.)
      for (String qualified : memberTypes.values()) {
        imports.append("import ").append(qualified).append(";\n");
      }
    }
    if (imports.length() == 0) {
      return file;
    }
    int at;
    int packageLine = file.indexOf("\npackage ");
    if (file.startsWith("package ")) {
      at = file.indexOf('\n') + 1;
    } else if (packageLine >= 0) {
      at = file.indexOf('\n', packageLine + 1) + 1;
    } else {
      at = file.indexOf('\n') + 1; // after the file comment
    }
    return file.substring(0, at) + "\n" + imports + file.substring(at);
  }
}
