package dev.asyncj.processor;

import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.Attribute;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.TypePath;

/**
 * Makes each {@code @Async} method return its state machine, so that the source the user wrote
 * stays as it is: once javac has written a class file, its {@code @Async} methods' bodies are
 * replaced by {@code return new Download$printNumbers(this, args...);}. Listens to javac's {@code
 * GENERATE} events; reads and writes the class file through the {@link Filer}.
 */
final class ClassFilePatcher implements TaskListener {
  /** One method to rewrite. */
  private record Patch(
      ExecutableElement method,
      String name,
      String descriptor,
      boolean isStatic,
      String ownerDescriptor,
      String outerDescriptor,
      String stateMachine,
      int line) {}

  /** The user's file and lines that a generated state machine's code comes from. */
  private record SourceLines(String file, int[] userLines) {
    int map(int generatedLine) {
      return generatedLine >= 1 && generatedLine <= userLines.length
          ? userLines[generatedLine - 1]
          : generatedLine;
    }
  }

  private final Map<String, SourceLines> linesByClass = new HashMap<>();
  private final Filer filer;
  private final Messager messager;
  private final Types types;
  private final Elements elements;
  private final Map<String, List<Patch>> patchesByClass = new HashMap<>();

  ClassFilePatcher(Filer filer, Messager messager, Types types, Elements elements) {
    this.filer = filer;
    this.messager = messager;
    this.types = types;
    this.elements = elements;
  }

  /**
   * Registers {@code method} to be rewritten to return a new {@code stateMachine} (a class in the
   * same package) once its class file is written.
   */
  void register(
      ExecutableElement method, String stateMachineSimpleName, TypeElement outer, int line) {
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    String ownerBinary = elements.getBinaryName(owner).toString();
    String packageName = elements.getPackageOf(owner).getQualifiedName().toString();
    String stateMachine =
        (packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/") + stateMachineSimpleName;
    StringBuilder descriptor = new StringBuilder("(");
    for (VariableElement parameter : method.getParameters()) {
      descriptor.append(descriptor(parameter.asType()));
    }
    descriptor.append(')').append(descriptor(method.getReturnType()));
    boolean isStatic = method.getModifiers().contains(javax.lang.model.element.Modifier.STATIC);
    patchesByClass
        .computeIfAbsent(ownerBinary, k -> new ArrayList<>())
        .add(
            new Patch(
                method,
                method.getSimpleName().toString(),
                descriptor.toString(),
                isStatic,
                "L" + ownerBinary.replace('.', '/') + ";",
                outer == null ? null : descriptor(outer.asType()),
                stateMachine,
                line));
  }

  /**
   * Registers the state machine {@code binaryName} so that, once javac has written it, its line
   * table and source file name say the user's: {@code userLines[i]} is the user's line for
   * generated line {@code i + 1}. Stack traces then lead to the user's code, and a breakpoint on a
   * line of an {@code @Async} method stops in the state machine.
   */
  void registerSourceLines(String binaryName, String file, int[] userLines) {
    linesByClass.put(binaryName, new SourceLines(file, userLines));
  }

  @Override
  public void started(TaskEvent event) {}

  @Override
  public void finished(TaskEvent event) {
    if (event.getKind() != TaskEvent.Kind.GENERATE || event.getTypeElement() == null) {
      return;
    }
    TypeElement type = event.getTypeElement();
    String binaryName = elements.getBinaryName(type).toString();
    List<Patch> found = patchesByClass.remove(binaryName);
    SourceLines lines = linesByClass.remove(binaryName);
    if (found == null && lines == null) {
      return;
    }
    List<Patch> patches = found == null ? List.of() : found;
    String packageName = elements.getPackageOf(type).getQualifiedName().toString();
    String fileName =
        (packageName.isEmpty() ? binaryName : binaryName.substring(packageName.length() + 1))
            + ".class";
    try {
      FileObject classFile = filer.getResource(StandardLocation.CLASS_OUTPUT, packageName, fileName);
      byte[] original;
      try (InputStream in = classFile.openInputStream()) {
        original = in.readAllBytes();
      }
      byte[] patched = patch(original, patches, lines);
      FileObject output = filer.createResource(StandardLocation.CLASS_OUTPUT, packageName, fileName);
      try (OutputStream out = output.openOutputStream()) {
        out.write(patched);
      }
    } catch (IOException | RuntimeException e) {
      for (Patch patch : patches) {
        messager.printMessage(
            Diagnostic.Kind.ERROR,
            Message.PATCH_FAILED.format(patch.name, binaryName, e),
            patch.method);
      }
      if (patches.isEmpty()) {
        messager.printMessage(
            Diagnostic.Kind.ERROR, Message.PATCH_FAILED.format("the line table", binaryName, e), type);
      }
    }
  }

  private static byte[] patch(byte[] classFile, List<Patch> patches, SourceLines lines) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    List<Patch> remaining = new ArrayList<>(patches);
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          private String owner;
          /** javac's field for the enclosing instance of an inner class: this$0 and the like. */
          private final Map<String, String> outerFields = new HashMap<>();

          @Override
          public void visit(
              int version, int access, String name, String signature, String superName,
              String[] interfaces) {
            owner = name;
            super.visit(version, access, name, signature, superName, interfaces);
          }

          @Override
          public void visitSource(String source, String debug) {
            super.visitSource(lines != null ? lines.file() : source, debug);
          }

          @Override
          public org.objectweb.asm.FieldVisitor visitField(
              int access, String name, String descriptor, String signature, Object value) {
            if ((access & Opcodes.ACC_SYNTHETIC) != 0 && name.startsWith("this$")) {
              outerFields.put(descriptor, name);
            }
            return super.visitField(access, name, descriptor, signature, value);
          }

          @Override
          public MethodVisitor visitMethod(
              int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor target = super.visitMethod(access, name, descriptor, signature, exceptions);
            if (lines != null) {
              target =
                  new MethodVisitor(Opcodes.ASM9, target) {
                    @Override
                    public void visitLineNumber(int line, Label start) {
                      super.visitLineNumber(lines.map(line), start);
                    }
                  };
            }
            for (Patch patch : remaining) {
              if (patch.name.equals(name) && patch.descriptor.equals(descriptor)) {
                remaining.remove(patch);
                String outerField = null;
                if (patch.outerDescriptor != null) {
                  outerField = outerFields.get(patch.outerDescriptor);
                  if (outerField == null) {
                    throw new IllegalStateException(
                        "no field holding the enclosing instance " + patch.outerDescriptor);
                  }
                }
                return new ReturnStateMachine(target, patch, owner, outerField);
              }
            }
            return target;
          }
        },
        0);
    if (!remaining.isEmpty()) {
      throw new IllegalStateException("method not found in class file: " + remaining.get(0).name);
    }
    return writer.toByteArray();
  }

  /**
   * Keeps a method's declaration (annotations, parameters) and replaces its code with {@code return
   * new StateMachine(this, parameters...)}.
   */
  private static final class ReturnStateMachine extends MethodVisitor {
    private final MethodVisitor target;
    private final Patch patch;
    private final String owner;
    private final String outerField;

    ReturnStateMachine(MethodVisitor target, Patch patch, String owner, String outerField) {
      super(Opcodes.ASM9);
      this.target = target;
      this.patch = patch;
      this.owner = owner;
      this.outerField = outerField;
    }

    @Override
    public void visitParameter(String name, int access) {
      target.visitParameter(name, access);
    }

    @Override
    public AnnotationVisitor visitAnnotationDefault() {
      return target.visitAnnotationDefault();
    }

    @Override
    public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
      return target.visitAnnotation(descriptor, visible);
    }

    @Override
    public AnnotationVisitor visitTypeAnnotation(
        int typeRef, TypePath typePath, String descriptor, boolean visible) {
      return target.visitTypeAnnotation(typeRef, typePath, descriptor, visible);
    }

    @Override
    public void visitAnnotableParameterCount(int parameterCount, boolean visible) {
      target.visitAnnotableParameterCount(parameterCount, visible);
    }

    @Override
    public AnnotationVisitor visitParameterAnnotation(
        int parameter, String descriptor, boolean visible) {
      return target.visitParameterAnnotation(parameter, descriptor, visible);
    }

    @Override
    public void visitAttribute(Attribute attribute) {
      target.visitAttribute(attribute);
    }

    @Override
    public void visitCode() {
      target.visitCode();
      Label start = new Label();
      target.visitLabel(start);
      target.visitLineNumber(patch.line, start);
      target.visitTypeInsn(Opcodes.NEW, patch.stateMachine);
      target.visitInsn(Opcodes.DUP);
      StringBuilder constructor = new StringBuilder("(");
      int slot = 0;
      if (!patch.isStatic) {
        target.visitVarInsn(Opcodes.ALOAD, 0);
        constructor.append(patch.ownerDescriptor);
        slot = 1;
        if (outerField != null) {
          target.visitVarInsn(Opcodes.ALOAD, 0);
          target.visitFieldInsn(Opcodes.GETFIELD, owner, outerField, patch.outerDescriptor);
          constructor.append(patch.outerDescriptor);
        }
      }
      for (Type parameter : Type.getArgumentTypes(patch.descriptor)) {
        target.visitVarInsn(parameter.getOpcode(Opcodes.ILOAD), slot);
        slot += parameter.getSize();
        constructor.append(parameter.getDescriptor());
      }
      constructor.append(")V");
      target.visitMethodInsn(
          Opcodes.INVOKESPECIAL, patch.stateMachine, "<init>", constructor.toString(), false);
      target.visitInsn(Opcodes.ARETURN);
    }

    @Override
    public void visitEnd() {
      target.visitMaxs(0, 0);
      target.visitEnd();
    }
  }

  /** The JVM descriptor of a type's erasure: {@code I}, {@code [Ljava/lang/String;}... */
  private String descriptor(TypeMirror type) {
    TypeMirror erased = types.erasure(type);
    switch (erased.getKind()) {
      case BOOLEAN:
        return "Z";
      case BYTE:
        return "B";
      case CHAR:
        return "C";
      case SHORT:
        return "S";
      case INT:
        return "I";
      case LONG:
        return "J";
      case FLOAT:
        return "F";
      case DOUBLE:
        return "D";
      case VOID:
        return "V";
      case ARRAY:
        return "[" + descriptor(((ArrayType) erased).getComponentType());
      case DECLARED:
        {
          Element element = ((DeclaredType) erased).asElement();
          return "L" + elements.getBinaryName((TypeElement) element).toString().replace('.', '/') + ";";
        }
      default:
        throw new IllegalArgumentException("no descriptor for " + type);
    }
  }
}
