package dev.asyncj.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import org.junit.jupiter.api.Test;

/**
 * The types {@link DeclaredTypes} reads from declarations are the ones javac attributes, and it
 * leaves to javac what a declaration alone cannot tell.
 */
class DeclaredTypesTest {
  private static final String SHAPES =
      """
      package p;

      import java.io.File;
      import java.util.*;
      import java.util.Map.Entry;
      import static java.util.AbstractMap.SimpleEntry;

      class Outer<T> {
        class Inner {}
        static class Nested {}
        interface Shape {}

        <U> void locals(List<String> parameter) throws Exception {
          int primitive = 0;
          long[] primitiveArray = {};
          int cStyle[] = {};
          String[][] grid = {};
          String lang = "";
          Object object = "";
          List<String> generic = new ArrayList<>();
          Map<String, List<Integer>> nested = null;
          List<? extends Number> upper = null;
          Comparator<? super Integer> lower = null;
          List<?> unbounded = null;
          Entry<String, Integer> importedMember = null;
          Map.Entry<String, Integer> qualifiedMember = null;
          java.util.Map.Entry<String, Integer> fullyQualified = null;
          File importedOverPackage = null;
          Date packageOverOnDemand = null;
          Process packageOverJavaLang = null;
          Nested staticMember = null;
          Outer.Nested qualifiedStaticMember = null;
          Shape memberInterface = null;
          Thread.State nestedEnum = null;
          for (String element : generic) {}
          try (java.io.StringReader resource = new java.io.StringReader("")) {
          } catch (IllegalStateException caught) {
          }
          if (object instanceof String pattern) {}

          Inner innerOfGeneric = null;
          T classTypeVariable = null;
          U methodTypeVariable = null;
          List<T> genericOfTypeVariable = null;
          class Local {}
          Local localClass = null;
          var inferred = 1;
          SimpleEntry<String, String> staticallyImported = null;
          List raw = null;
          try {
          } catch (IllegalStateException | IllegalArgumentException union) {
          }
        }
      }

      class Date {}

      class Process {}
      """;

  /** Locals whose types a declaration tells for sure; the others must be left to javac. */
  private static final Set<String> LEFT_TO_JAVAC =
      Set.of(
          "innerOfGeneric",
          "classTypeVariable",
          "methodTypeVariable",
          "genericOfTypeVariable",
          "localClass",
          "inferred",
          "staticallyImported",
          "raw",
          "union");

  @Test
  void readsWhatJavacWouldAttributeAndLeavesTheRestToIt() {
    Probe probe = new Probe();
    Compilation compilation =
        Compiler.javac()
            .withProcessors(probe)
            .compile(
                JavaFileObjects.forSourceString("p.Outer", SHAPES),
                JavaFileObjects.forSourceString("p.File", "package p;\n\npublic class File {}\n"),
                // Shadowed by the static import of AbstractMap.SimpleEntry (JLS 6.4.1).
                JavaFileObjects.forSourceString(
                    "p.SimpleEntry", "package p;\n\nclass SimpleEntry<K, V> {}\n"));
    assertWithMessage("%s", compilation.diagnostics())
        .that(compilation.status())
        .isEqualTo(Compilation.Status.SUCCESS);
    assertThat(probe.attributed.keySet()).containsAtLeastElementsIn(probe.declared.keySet());
    assertThat(probe.declared.keySet()).containsAtLeastElementsIn(LEFT_TO_JAVAC);

    Map<String, String> read = new LinkedHashMap<>();
    Map<String, String> expected = new LinkedHashMap<>();
    probe.declared.forEach(
        (name, type) -> {
          read.put(name, type == null ? "(javac)" : TypeName.get(type).toString());
          expected.put(
              name,
              LEFT_TO_JAVAC.contains(name)
                  ? "(javac)"
                  : TypeName.get(probe.attributed.get(name)).toString());
        });
    assertThat(read).containsExactlyEntriesIn(expected).inOrder();
    assertThat(read).containsEntry("packageOverOnDemand", "p.Date");
    assertThat(read).containsEntry("packageOverJavaLang", "p.Process");
    assertThat(read).containsEntry("importedOverPackage", "java.io.File");
  }

  /**
   * Reads each local's type with {@link DeclaredTypes} while processing, before anything is
   * attributed, and once javac has attributed the class, the type javac gave it.
   */
  private static final class Probe extends AbstractProcessor {
    final Map<String, TypeMirror> declared = new LinkedHashMap<>();
    final Map<String, TypeMirror> attributed = new HashMap<>();
    private Trees trees;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public synchronized void init(ProcessingEnvironment environment) {
      super.init(environment);
      trees = Trees.instance(environment);
      JavacTask.instance(environment)
          .addTaskListener(
              new TaskListener() {
                @Override
                public void finished(TaskEvent event) {
                  if (event.getKind() == TaskEvent.Kind.ANALYZE) {
                    recordAttributed(event.getCompilationUnit());
                  }
                }
              });
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      for (Element root : round.getRootElements()) {
        if (!root.getSimpleName().contentEquals("Outer")) {
          continue;
        }
        TreePath classPath = trees.getPath(root);
        CompilationUnitTree unit = classPath.getCompilationUnit();
        SourceFile source = new SourceFile(unit, trees);
        EnclosingScope scope =
            new EnclosingScope(processingEnv.getElementUtils(), (TypeElement) root, unit);
        new TreePathScanner<Void, Void>() {
          @Override
          public Void visitMethod(MethodTree tree, Void unused) {
            if (tree.getName().contentEquals("locals")) {
              ExecutableElement element = (ExecutableElement) trees.getElement(getCurrentPath());
              AsyncMethod method =
                  new AsyncMethod(element, getCurrentPath(), source, ApiCalls.of(unit), scope, "x");
              DeclaredTypes types = new DeclaredTypes(method, processingEnv.getTypeUtils());
              for (LocalVariable variable : method.names().variables()) {
                if (variable.kind() == LocalVariable.Kind.LOCAL) {
                  declared.put(variable.name(), types.typeOf(variable));
                }
              }
            }
            return null;
          }
        }.scan(classPath, null);
      }
      return false;
    }

    private void recordAttributed(CompilationUnitTree unit) {
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitVariable(VariableTree tree, Void unused) {
          Element local = trees.getElement(getCurrentPath());
          if (local != null) {
            attributed.putIfAbsent(tree.getName().toString(), local.asType());
          }
          return super.visitVariable(tree, null);
        }
      }.scan(unit, null);
    }
  }
}
