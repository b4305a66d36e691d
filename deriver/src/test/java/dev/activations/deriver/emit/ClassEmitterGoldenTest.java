package dev.activations.deriver.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** One whole generated file, compared as text. */
class ClassEmitterGoldenTest {
  @Test
  void gatedGaussianMean() {
    assertEquals(GATED, ClassEmitter.emit(Fixtures.gated(), "dev.generated", "Gated", false).toString());
  }

  private static final String GATED = """
      package dev.generated;

      import java.util.Objects;

      /**
       * Generated activation function; do not edit. Regenerate with:
       *
       * <pre>
       * --kernel gaussian --hypotheses gated --stat mean
       * </pre>
       *
       * <p>Energies:
       *
       * <ul>
       *   <li><code>(z-1)^2/2</code>
       *   <li><code>(z+1)^2/2</code>
       * </ul>
       *
       * <p>Statistic: <code>z*LogisticSigmoid[2*z]</code>
       *
       * <p>Derivative: <code>LogisticSigmoid[2*z] + 2*z*LogisticSigmoid[2*z]*LogisticSigmoid[-2*z]</code>
       *
       * <p>Special inputs:
       *
       * <ul>
       *   <li>NaN gives NaN.
       *   <li>+Infinity gives value Infinity, derivative 1.0.
       *   <li>-Infinity gives value 0.0, derivative 0.0.
       *   <li>Every finite input whose exact result is finite gives a finite result.
       *   <li>Smooth everywhere; the limit at -Infinity is 0 (not -Inf * 0 = NaN).
       * </ul>
       */
      public final class Gated {
        /**
         * The spec that regenerates this class.
         */
        public static final String SPEC = "--kernel gaussian --hypotheses gated --stat mean";

        /**
         * Outputs per input: 1 for a scalar statistic, H for a vector statistic.
         */
        public static final int OUTPUTS = 1;

        private Gated() {
        }

        /**
         * The activation at {@code z}.
         */
        public static double value(double z) {
          if (Double.isNaN(z)) {
            return z;
          }
          if (z == Double.POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
          }
          if (z == Double.NEGATIVE_INFINITY) {
            return 0.0;
          }
          return z * logistic(2.0 * z);
        }

        /**
         * The derivative of the activation with respect to {@code z}.
         */
        public static double derivative(double z) {
          if (Double.isNaN(z)) {
            return z;
          }
          if (z == Double.POSITIVE_INFINITY) {
            return 1.0;
          }
          if (z == Double.NEGATIVE_INFINITY) {
            return 0.0;
          }
          double t0 = logistic(2.0 * z);
          return t0 + z * (2.0 * t0 * logistic(-2.0 * z));
        }

        /**
         * {@link #value(double)} in float, computed in double and rounded once.
         */
        public static float value(float z) {
          return (float) value((double) z);
        }

        /**
         * {@link #derivative(double)} in float, computed in double and rounded once.
         */
        public static float derivative(float z) {
          return (float) derivative((double) z);
        }

        /**
         * Writes {@code value(in[inOff + i])} to {@code out[outOff + i]} for {@code 0 <= i < len}.
         */
        public static void value(double[] in, int inOff, double[] out, int outOff, int len) {
          Objects.checkFromIndexSize(inOff, len, in.length);
          Objects.checkFromIndexSize(outOff, len, out.length);
          int i = 0;
          for (; i < len; i++) {
            out[outOff + i] = value(in[inOff + i]);
          }
        }

        /**
         * Writes {@code derivative(in[inOff + i])} to {@code out[outOff + i]} for {@code 0 <= i < len}.
         */
        public static void derivative(double[] in, int inOff, double[] out, int outOff, int len) {
          Objects.checkFromIndexSize(inOff, len, in.length);
          Objects.checkFromIndexSize(outOff, len, out.length);
          int i = 0;
          for (; i < len; i++) {
            out[outOff + i] = derivative(in[inOff + i]);
          }
        }

        /**
         * Backpropagates: {@code gradIn[off + i] = upstream[off + i] * derivative(in[off + i])} for {@code 0 <= i < len}. Allocates nothing.
         */
        public static void backward(double[] in, double[] upstream, double[] gradIn, int off, int len) {
          Objects.checkFromIndexSize(off, len, in.length);
          Objects.checkFromIndexSize(off, len, upstream.length);
          Objects.checkFromIndexSize(off, len, gradIn.length);
          int i = 0;
          for (; i < len; i++) {
            gradIn[off + i] = upstream[off + i] * derivative(in[off + i]);
          }
        }

        /**
         * {@code value(in, 0, out, 0, in.length)}.
         */
        public static void value(double[] in, double[] out) {
          value(in, 0, out, 0, in.length);
        }

        /**
         * {@code derivative(in, 0, out, 0, in.length)}.
         */
        public static void derivative(double[] in, double[] out) {
          derivative(in, 0, out, 0, in.length);
        }

        /**
         * {@code backward(in, upstream, gradIn, 0, in.length)}.
         */
        public static void backward(double[] in, double[] upstream, double[] gradIn) {
          backward(in, upstream, gradIn, 0, in.length);
        }

        /**
         * Writes {@code value(in[inOff + i])} to {@code out[outOff + i]} for {@code 0 <= i < len}.
         */
        public static void value(float[] in, int inOff, float[] out, int outOff, int len) {
          Objects.checkFromIndexSize(inOff, len, in.length);
          Objects.checkFromIndexSize(outOff, len, out.length);
          int i = 0;
          for (; i < len; i++) {
            out[outOff + i] = value(in[inOff + i]);
          }
        }

        /**
         * Writes {@code derivative(in[inOff + i])} to {@code out[outOff + i]} for {@code 0 <= i < len}.
         */
        public static void derivative(float[] in, int inOff, float[] out, int outOff, int len) {
          Objects.checkFromIndexSize(inOff, len, in.length);
          Objects.checkFromIndexSize(outOff, len, out.length);
          int i = 0;
          for (; i < len; i++) {
            out[outOff + i] = derivative(in[inOff + i]);
          }
        }

        /**
         * Backpropagates: {@code gradIn[off + i] = upstream[off + i] * derivative(in[off + i])} for {@code 0 <= i < len}. Allocates nothing.
         */
        public static void backward(float[] in, float[] upstream, float[] gradIn, int off, int len) {
          Objects.checkFromIndexSize(off, len, in.length);
          Objects.checkFromIndexSize(off, len, upstream.length);
          Objects.checkFromIndexSize(off, len, gradIn.length);
          int i = 0;
          for (; i < len; i++) {
            gradIn[off + i] = (float) (upstream[off + i] * derivative((double) in[off + i]));
          }
        }

        /**
         * {@code value(in, 0, out, 0, in.length)}.
         */
        public static void value(float[] in, float[] out) {
          value(in, 0, out, 0, in.length);
        }

        /**
         * {@code derivative(in, 0, out, 0, in.length)}.
         */
        public static void derivative(float[] in, float[] out) {
          derivative(in, 0, out, 0, in.length);
        }

        /**
         * {@code backward(in, upstream, gradIn, 0, in.length)}.
         */
        public static void backward(float[] in, float[] upstream, float[] gradIn) {
          backward(in, upstream, gradIn, 0, in.length);
        }

        /**
         * The logistic function {@code 1 / (1 + e^-x)}, branching on the sign of x so that {@code exp} never overflows.
         */
        private static double logistic(double x) {
          if (x >= 0.0) {
            return 1.0 / (1.0 + Math.exp(-x));
          }
          double e = Math.exp(x);
          return e / (1.0 + e);
        }
      }
      """;
}
