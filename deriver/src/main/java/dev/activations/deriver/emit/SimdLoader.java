package dev.activations.deriver.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * Writes, into a generated class, what binds its SIMD companion: the {@code VECTORIZED} flag, one
 * {@code static final MethodHandle} per kernel, the loader that defines the companion's embedded
 * class bytes as a hidden class when {@code jdk.incubator.vector} is in the boot layer (and returns
 * null otherwise, or on any failure), and the Base64 class bytes. Shared by the scalar and the
 * layer emitters; the companion itself is compiled by {@link SimdEmitter#compileSource}.
 */
final class SimdLoader {
  private static final ClassName METHOD_HANDLE = ClassName.get("java.lang.invoke", "MethodHandle");
  private static final ClassName METHOD_HANDLES = ClassName.get("java.lang.invoke", "MethodHandles");
  private static final ClassName METHOD_TYPE = ClassName.get("java.lang.invoke", "MethodType");
  private static final ClassName BASE64 = ClassName.get("java.util", "Base64");
  private static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");

  private SimdLoader() {}

  /** A {@code MethodType} local of the loader: its name and the types after the return type. */
  record Signature(String name, String types) {
    Signature {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(types, "types");
    }
  }

  /** One handle field and the companion method it binds, with the signature local it uses. */
  record Handle(String field, String method, String signature) {
    Handle {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(signature, "signature");
    }
  }

  /** Signatures declared, then handles bound, in this order. */
  record Group(List<Signature> signatures, List<Handle> handles) {
    Group {
      signatures = List.copyOf(signatures);
      handles = List.copyOf(handles);
    }
  }

  /**
   * @param vectorizedDoc the Javadoc of {@code VECTORIZED}
   * @param kernelsDoc what the handles are, for the loader's Javadoc
   */
  static void add(TypeSpec.Builder type, String className, byte[] classBytes, String vectorizedDoc,
      String kernelsDoc, List<Group> groups) {
    type.addField(FieldSpec.builder(boolean.class, "VECTORIZED", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc(vectorizedDoc)
        .build());
    CodeBlock.Builder init = CodeBlock.builder()
        .addStatement("$T[] h = simdHandles()", METHOD_HANDLE)
        .addStatement("VECTORIZED = h != null");
    int k = 0;
    for (Group g : groups) {
      for (Handle h : g.handles()) {
        type.addField(FieldSpec.builder(METHOD_HANDLE, h.field(), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL).build());
        init.addStatement("$L = h == null ? null : h[$L]", h.field(), k++);
      }
    }
    type.addStaticBlock(init.build());

    MethodSpec.Builder handles = MethodSpec.methodBuilder("simdHandles").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("The SIMD kernels ($L), or null when"
            + " {@code jdk.incubator.vector} is absent, SIMD is\nswitched off, or anything fails"
            + " (then the scalar loops do all the work).\n", kernelsDoc)
        .returns(ArrayTypeName.of(METHOD_HANDLE))
        .beginControlFlow("try")
        .beginControlFlow("if (!$T.parseBoolean(System.getProperty(\"dev.activations.simd\","
            + " \"true\")))", Boolean.class)
        .addStatement("return null")
        .endControlFlow()
        .addStatement("$T<Module> vector = ModuleLayer.boot().findModule(\"jdk.incubator.vector\")", OPTIONAL)
        .beginControlFlow("if (vector.isEmpty())")
        .addStatement("return null")
        .endControlFlow()
        .addStatement("$L.class.getModule().addReads(vector.get())", className)
        .addStatement("$T.Lookup simd = $T.lookup().defineHiddenClass(simdClass(), true)", METHOD_HANDLES, METHOD_HANDLES)
        .addStatement("Class<?> c = simd.lookupClass()")
        .addStatement("$T[] h = new $T[$L]", METHOD_HANDLE, METHOD_HANDLE, k);
    int j = 0;
    for (Group g : groups) {
      for (Signature s : g.signatures()) {
        handles.addStatement("$T $L = $T.methodType($L)", METHOD_TYPE, s.name(), METHOD_TYPE, s.types());
      }
      for (Handle h : g.handles()) {
        handles.addStatement("h[$L] = simd.findStatic(c, $S, $L)", j++, h.method(), h.signature());
      }
    }
    type.addMethod(handles
        .addStatement("return h")
        .nextControlFlow("catch (ReflectiveOperationException | RuntimeException | LinkageError e)")
        .addStatement("return null")
        .endControlFlow()
        .build());

    CodeBlock.Builder lines = CodeBlock.builder().add("String[] lines = {\n$>");
    List<String> base64 = SimdEmitter.base64Lines(classBytes, 76);
    for (int n = 0; n < base64.size(); n++) {
      lines.add("$S$L\n", base64.get(n), n + 1 < base64.size() ? "," : "");
    }
    lines.add("$<};\n");
    type.addMethod(MethodSpec.methodBuilder("simdClass").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("The class file of {@code $L} (compiled by the deriver with {@code"
            + " --add-modules jdk.incubator.vector\n--release 17}), Base64.\n", SimdEmitter.companionName(className))
        .returns(byte[].class)
        .addCode(lines.build())
        .addStatement("return $T.getDecoder().decode(String.join(\"\", lines))", BASE64)
        .build());
  }

  /** {@code i = (int) HANDLE.invokeExact(args)} when the handle is bound. */
  static void call(MethodSpec.Builder m, String target, String handle, String callArgs) {
    m.beginControlFlow("if ($L != null)", handle)
        .beginControlFlow("try")
        .addStatement("$L = (int) $L.invokeExact($L)", target, handle, callArgs)
        .nextControlFlow("catch (RuntimeException | Error e)")
        .addStatement("throw e")
        .nextControlFlow("catch (Throwable e)")
        .addStatement("throw new IllegalStateException(e)")
        .endControlFlow()
        .endControlFlow();
  }
}
