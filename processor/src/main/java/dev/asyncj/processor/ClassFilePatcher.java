package dev.asyncj.processor;

import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.SimpleRemapper;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

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

  /**
   * A state machine that reaches private members of its user's class through its nested class
   * {@code Privates} (see {@link PrivateAccess}): every use of {@code Privates} becomes a use of the
   * user's class, and the state machine joins the nest of the user's top-level class.
   */
  private record Nestmate(String privates, String owner, String host, String factory) {}

  private final Map<String, Nestmate> nestmates = new HashMap<>();
  private final Map<String, List<String>> nestMembersToAdd = new HashMap<>();
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

  /**
   * Registers the state machine {@code stateMachine} (binary name) of {@code method} as using its
   * class's private members through its nested class {@code Privates}.
   */
  void registerPrivateAccess(String stateMachine, ExecutableElement method, String factory) {
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    TypeElement host = owner;
    while (host.getEnclosingElement() instanceof TypeElement outer) {
      host = outer;
    }
    String hostName = internalName(host);
    nestmates.put(
        stateMachine,
        new Nestmate(
            stateMachine.replace('.', '/') + "$" + PrivateAccess.CLASS,
            internalName(owner),
            hostName,
            factory));
    nestMembersToAdd
        .computeIfAbsent(elements.getBinaryName(host).toString(), k -> new ArrayList<>())
        .add(stateMachine.replace('.', '/'));
  }

  private String internalName(TypeElement type) {
    return elements.getBinaryName(type).toString().replace('.', '/');
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
    Nestmate nestmate = nestmates.remove(binaryName);
    List<String> newMembers = nestMembersToAdd.remove(binaryName);
    if (found == null && lines == null && nestmate == null && newMembers == null) {
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
      byte[] patched = patch(original, patches, lines, nestmate, newMembers);
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

  private static byte[] patch(
      byte[] classFile,
      List<Patch> patches,
      SourceLines lines,
      Nestmate nestmate,
      List<String> newMembers) {
    ClassReader reader = new ClassReader(classFile);
    // Only a rewritten body needs its stack size computed (an analysis of each method's code): a
    // state machine's methods keep theirs, only their line numbers and names change.
    boolean rewritesCode = !patches.isEmpty() || (nestmate != null && nestmate.factory() != null);
    ClassWriter writer = new ClassWriter(reader, rewritesCode ? ClassWriter.COMPUTE_MAXS : 0);
    ClassVisitor next = writer;
    if (nestmate != null) {
      next = new JoinNest(new ClassRemapper(writer, new SimpleRemapper(nestmate.privates(), nestmate.owner())), nestmate);
    }
    if (newMembers != null) {
      next =
          new ClassVisitor(Opcodes.ASM9, next) {
            @Override
            public void visitEnd() {
              newMembers.forEach(super::visitNestMember);
              super.visitEnd();
            }
          };
    }
    // By name and descriptor: a class with a thousand @Async methods is not searched per method.
    Map<String, Patch> remaining = new LinkedHashMap<>();
    for (Patch patch : patches) {
      remaining.put(patch.name + patch.descriptor, patch);
    }
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, next) {
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
              if (name.equals("resume") && descriptor.equals("()Ljava/lang/Object;")) {
                target =
                    new JumpsToTheirCase(access, name, descriptor, signature, exceptions, target);
              }
            }
            Patch patch = remaining.remove(name + descriptor);
            if (patch == null) {
              return target;
            }
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
        },
        0);
    if (!remaining.isEmpty()) {
      throw new IllegalStateException(
          "method not found in class file: " + remaining.values().iterator().next().name);
    }
    return writer.toByteArray();
  }

  /**
   * In a state machine's {@code resume()}, makes each {@code state = N; continue;} jump straight to
   * {@code case N} instead of to the {@code switch (state)} at the top of the loop, which would
   * choose that case anyway. The code does the same; a debugger stepping through a loop then goes
   * from the user's last line to the next one, without stopping on the method's line, where the
   * line table puts the {@code switch} (it has no line of the user's own: every jump passes it).
   */
  private static final class JumpsToTheirCase extends MethodNode {
    private final MethodVisitor target;

    JumpsToTheirCase(
        int access, String name, String descriptor, String signature, String[] exceptions,
        MethodVisitor target) {
      super(Opcodes.ASM9, access, name, descriptor, signature, exceptions);
      this.target = target;
    }

    @Override
    public void visitEnd() {
      super.visitEnd();
      for (AbstractInsnNode insn : instructions) {
        if (insn.getOpcode() == Opcodes.GOTO) {
          JumpInsnNode jump = (JumpInsnNode) insn;
          LabelNode caseLabel = caseOf(jump);
          if (caseLabel != null) {
            jump.label = caseLabel;
          }
        }
      }
      accept(target);
    }

    /**
     * For {@code this.state = N; goto L;} where {@code L} is {@code switch (this.state)}: the
     * label of that switch's case {@code N} (or of its default); otherwise null.
     */
    private static LabelNode caseOf(JumpInsnNode jump) {
      AbstractInsnNode store = codeBefore(jump);
      if (!(store instanceof FieldInsnNode put) || put.getOpcode() != Opcodes.PUTFIELD
          || !put.name.equals("state") || !put.desc.equals("I")) {
        return null;
      }
      AbstractInsnNode push = codeBefore(store);
      Integer state = constant(push);
      if (state == null || !isThis(codeBefore(push))) {
        return null;
      }
      AbstractInsnNode load = code(jump.label);
      AbstractInsnNode read = load == null ? null : code(load.getNext());
      AbstractInsnNode dispatch = read == null ? null : code(read.getNext());
      if (!isThis(load)
          || !(read instanceof FieldInsnNode get) || get.getOpcode() != Opcodes.GETFIELD
          || !get.owner.equals(put.owner)
          || !get.name.equals(put.name)
          || !get.desc.equals(put.desc)) {
        return null;
      }
      if (dispatch instanceof TableSwitchInsnNode table) {
        int index = state - table.min;
        return index >= 0 && index < table.labels.size() ? table.labels.get(index) : table.dflt;
      }
      if (dispatch instanceof LookupSwitchInsnNode lookup) {
        int index = lookup.keys.indexOf(state);
        return index >= 0 ? lookup.labels.get(index) : lookup.dflt;
      }
      return null;
    }

    /** The first instruction at or after {@code insn} that is code, not a label, line or frame. */
    private static AbstractInsnNode code(AbstractInsnNode insn) {
      while (insn != null && insn.getOpcode() < 0) {
        insn = insn.getNext();
      }
      return insn;
    }

    /** The last instruction before {@code insn} that is code; null if there is none. */
    private static AbstractInsnNode codeBefore(AbstractInsnNode insn) {
      AbstractInsnNode before = insn.getPrevious();
      while (before != null && before.getOpcode() < 0) {
        before = before.getPrevious();
      }
      return before;
    }

    private static boolean isThis(AbstractInsnNode insn) {
      return insn instanceof VarInsnNode load && load.getOpcode() == Opcodes.ALOAD && load.var == 0;
    }

    /** The int that {@code insn} pushes, if it pushes a constant int. */
    private static Integer constant(AbstractInsnNode insn) {
      if (insn == null) {
        return null;
      }
      int opcode = insn.getOpcode();
      if (opcode >= Opcodes.ICONST_M1 && opcode <= Opcodes.ICONST_5) {
        return opcode - Opcodes.ICONST_0;
      }
      if (insn instanceof IntInsnNode push
          && (opcode == Opcodes.BIPUSH || opcode == Opcodes.SIPUSH)) {
        return push.operand;
      }
      if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof Integer value) {
        return value;
      }
      return null;
    }
  }

  /**
   * Makes a state machine a member of its user's class's nest, instead of the host of its nested
   * class {@code Privates} (which is never loaded: its uses now name the user's class).
   */
  private static final class JoinNest extends ClassVisitor {
    private final Nestmate nestmate;
    private boolean hostVisited;

    JoinNest(ClassVisitor next, Nestmate nestmate) {
      super(Opcodes.ASM9, next);
      this.nestmate = nestmate;
    }

    private void host() {
      if (!hostVisited) {
        hostVisited = true;
        super.visitNestHost(nestmate.host());
      }
    }

    @Override
    public void visitSource(String source, String debug) {
      super.visitSource(source, debug);
    }

    @Override
    public void visitOuterClass(String owner, String name, String descriptor) {
      host();
      super.visitOuterClass(owner, name, descriptor);
    }

    @Override
    public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
      host();
      return super.visitAnnotation(descriptor, visible);
    }

    @Override
    public void visitAttribute(Attribute attribute) {
      host();
      super.visitAttribute(attribute);
    }

    @Override
    public void visitNestMember(String nestMember) {
      host(); // its own nest is dissolved: Privates is never loaded
    }

    @Override
    public void visitInnerClass(String name, String outerName, String innerName, int access) {
      host();
      if (!name.equals(nestmate.privates())) {
        super.visitInnerClass(name, outerName, innerName, access);
      }
    }

    @Override
    public org.objectweb.asm.FieldVisitor visitField(
        int access, String name, String descriptor, String signature, Object value) {
      host();
      return super.visitField(access, name, descriptor, signature, value);
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      host();
      MethodVisitor target = super.visitMethod(access, name, descriptor, signature, exceptions);
      if (name.equals(nestmate.factory()) && (access & Opcodes.ACC_STATIC) != 0) {
        return new CallPrivateConstructor(target, nestmate.owner(), descriptor);
      }
      return target;
    }

    @Override
    public void visitEnd() {
      host();
      super.visitEnd();
    }
  }

  /**
   * Replaces the body of a factory {@code static Wallet newWallet(args)} with {@code return new
   * Wallet(args);}, calling the private constructor with the same parameters.
   */
  private static final class CallPrivateConstructor extends MethodVisitor {
    private final MethodVisitor target;
    private final String owner;
    private final String descriptor;

    CallPrivateConstructor(MethodVisitor target, String owner, String descriptor) {
      super(Opcodes.ASM9);
      this.target = target;
      this.owner = owner;
      this.descriptor = descriptor;
    }

    @Override
    public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
      return target.visitAnnotation(annotation, visible);
    }

    @Override
    public void visitParameter(String name, int access) {
      target.visitParameter(name, access);
    }

    @Override
    public void visitCode() {
      target.visitCode();
      target.visitTypeInsn(Opcodes.NEW, owner);
      target.visitInsn(Opcodes.DUP);
      int slot = 0;
      StringBuilder constructor = new StringBuilder("(");
      for (Type parameter : Type.getArgumentTypes(descriptor)) {
        target.visitVarInsn(parameter.getOpcode(Opcodes.ILOAD), slot);
        slot += parameter.getSize();
        constructor.append(parameter.getDescriptor());
      }
      target.visitMethodInsn(
          Opcodes.INVOKESPECIAL, owner, "<init>", constructor.append(")V").toString(), false);
      target.visitInsn(Opcodes.ARETURN);
    }

    @Override
    public void visitEnd() {
      target.visitMaxs(0, 0);
      target.visitEnd();
    }
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
