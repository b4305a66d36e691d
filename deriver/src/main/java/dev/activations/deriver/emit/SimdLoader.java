package dev.activations.deriver.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * The one place that decides, in a generated class, whether its array methods take the SIMD
 * companion's kernels (Lucene's vectorization-provider pattern): the class never links against
 * {@code jdk.incubator.vector}. When it initialises it checks the system property {@code
 * dev.activations.simd} (default true) and whether the module is in the boot layer, then loads the
 * companion class <em>by name</em> and binds each kernel to a {@code static final MethodHandle}
 * (constant-folded by the JIT). A missing module, a missing companion class (someone compiled the
 * activation source alone), or any linkage failure leaves every handle null and {@code VECTORIZED}
 * false: the plain-Java loops do all the work. So the activation class compiles with plain {@code
 * javac}, runs on any JVM, and nobody needs a flag to use it.
 *
 * <p>The companion is a separate source file ({@link SimdEmitter} writes it for scalar
 * activations) compiled with {@code --add-modules jdk.incubator.vector}; every kernel is a static
 * method of it. Any class shape (scalar activations, layers) gets the same loader by calling
 * {@link #install}.
 */
public final class SimdLoader {
  private static final ClassName METHOD_HANDLE = ClassName.get("java.lang.invoke", "MethodHandle");
  private static final ClassName METHOD_HANDLES =
      ClassName.get("java.lang.invoke", "MethodHandles");
  private static final ClassName METHOD_TYPE = ClassName.get("java.lang.invoke", "MethodType");
  private static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");

  /** The system property that switches SIMD off ({@code -Ddev.activations.simd=false}). */
  public static final String PROPERTY = "dev.activations.simd";
  /** The module the companions are compiled against. */
  public static final String MODULE = "jdk.incubator.vector";

  private SimdLoader() {}

  /**
   * One kernel of a companion: the {@code private static final MethodHandle} field of the
   * generated class, the companion's static method it binds, and that method's signature.
   */
  public record Kernel(String field, String method, TypeName returns, List<TypeName> parameters) {
    public Kernel {
      Objects.requireNonNull(field, "field == null");
      Objects.requireNonNull(method, "method == null");
      Objects.requireNonNull(returns, "returns == null");
      parameters = List.copyOf(parameters);
    }
  }

  /**
   * Adds to {@code type} the public {@code VECTORIZED} flag (documented with {@code
   * vectorizedDoc}), one handle field per kernel, the static initialiser that sets them, and the
   * private {@code simdHandles()} loader.
   *
   * @param packageName the generated class's package ({@code ""} for none)
   * @param className the generated class's simple name
   * @param companion the companion's simple name (same package)
   */
  public static void install(TypeSpec.Builder type, String packageName, String className,
      String companion, List<Kernel> kernels, String vectorizedDoc) {
    type.addField(FieldSpec.builder(boolean.class, "VECTORIZED",
            Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("$L", vectorizedDoc)
        .build());
    CodeBlock.Builder init = CodeBlock.builder()
        .addStatement("$T[] h = simdHandles()", METHOD_HANDLE)
        .addStatement("VECTORIZED = h != null");
    for (int k = 0; k < kernels.size(); k++) {
      type.addField(FieldSpec.builder(METHOD_HANDLE, kernels.get(k).field(),
          Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL).build());
      init.addStatement("$L = h == null ? null : h[$L]", kernels.get(k).field(), k);
    }
    type.addStaticBlock(init.build());

    String binary = packageName.isEmpty() ? companion : packageName + "." + companion;
    MethodSpec.Builder handles = MethodSpec.methodBuilder("simdHandles")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("The kernels of the SIMD companion {@code $L}, in the order of the handle"
            + " fields, or null\nwhen {@code $L} is not in the boot layer, SIMD is switched off"
            + " ({@code -D$L=false}),\nthe companion class is absent (it is looked up by name, so"
            + " this class compiles and runs\nwithout it), or anything else fails: then the"
            + " plain-Java loops do all the work.\n", companion, MODULE, PROPERTY)
        .returns(ArrayTypeName.of(METHOD_HANDLE))
        .beginControlFlow("try")
        .beginControlFlow("if (!$T.parseBoolean(System.getProperty($S, \"true\")))",
            Boolean.class, PROPERTY)
        .addStatement("return null")
        .endControlFlow()
        .addStatement("$T<Module> vector = ModuleLayer.boot().findModule($S)", OPTIONAL, MODULE)
        .beginControlFlow("if (vector.isEmpty())")
        .addStatement("return null")
        .endControlFlow()
        .addStatement("$L.class.getModule().addReads(vector.get())", className)
        .addStatement("Class<?> c = Class.forName($S, true, $L.class.getClassLoader())", binary,
            className)
        .addStatement("$T.Lookup lookup = $T.lookup()", METHOD_HANDLES, METHOD_HANDLES)
        .addStatement("$T[] h = new $T[$L]", METHOD_HANDLE, METHOD_HANDLE, kernels.size());
    for (int k = 0; k < kernels.size(); k++) {
      Kernel kernel = kernels.get(k);
      CodeBlock.Builder type0 = CodeBlock.builder().add("$T.methodType($T.class", METHOD_TYPE,
          kernel.returns());
      for (TypeName p : kernel.parameters()) {
        type0.add(", $T.class", p);
      }
      type0.add(")");
      handles.addStatement("h[$L] = lookup.findStatic(c, $S, $L)", k, kernel.method(),
          type0.build());
    }
    type.addMethod(handles
        .addStatement("return h")
        .nextControlFlow("catch (ReflectiveOperationException | RuntimeException | LinkageError e)")
        .addStatement("return null")
        .endControlFlow()
        .build());
  }

  /**
   * Adds to {@code m} the call of a kernel handle, when it is bound: {@code target = (int)
   * handle.invokeExact(callArgs)}, rethrowing what the kernel throws (the handles are exact, so
   * nothing else can be thrown).
   */
  static void call(MethodSpec.Builder m, String target, String handle, String callArgs) {
    call(m, target, "e", handle, callArgs);
  }

  /** As above, the caught exception named {@code caught} (a name no parameter of the method takes). */
  static void call(MethodSpec.Builder m, String target, String caught, String handle,
      String callArgs) {
    m.beginControlFlow("if ($L != null)", handle)
        .beginControlFlow("try")
        .addStatement("$L = (int) $L.invokeExact($L)", target, handle, callArgs)
        .nextControlFlow("catch (RuntimeException | Error $L)", caught)
        .addStatement("throw $L", caught)
        .nextControlFlow("catch (Throwable $L)", caught)
        .addStatement("throw new IllegalStateException($L)", caught)
        .endControlFlow()
        .endControlFlow();
  }
}
