package dev.activations.deriver.derivation.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activations.deriver.cli.AttentionGeneration;
import dev.activations.deriver.symbolic.Symja;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The asymptotic forms {@code e(L g') = L^p f(g', t) + c log L} the derivation finds (their classes
 * evaluate large entries scaled): the power {@code p}, the logarithm's coefficient {@code c}, the
 * scaled energy {@code f} (Symja's input form, as derived) and the degree that sets the scaling
 * target; none for the cosine, weighted kernels and free parameters, and none for an exponential
 * of the entries.
 */
class AsymptoticScalingTest {
  private static final Symja SYMJA = new Symja();

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "--kernel yat;1;0;-qk^2/(dd+tscale);4;false",
      "--kernel student-t;0;1/2*(3+dim);1/2*(3+dim)*Log[1/3*(dd+3*tscale)];2;true",
      "--energy -Dot[q,k]^2/(Dot[q-k,q-k]+e) --param e=1/2;1;0;(-2*qk^2)/(2*dd+tscale);4;false",
      "--energy 1-Dot[q,k];1;0;-qk+tscale;1;false",
      "--energy Dot[q-k,q-k]/(1+Dot[k,k]);0;0;dd/(kk+tscale);4;false",
      // a root of the entries in an energy homogeneous in them: p = 1/2, f free of t (the thirty-second session)
      "--energy Norm[q-k];1/2;0;Sqrt[dd];2;false",
      "--energy 2*Norm[q-k]/Sqrt[Dim];1/2;0;(2*Sqrt[dd])/Sqrt[dim];2;false"})
  void formsOfNonLinearEnergies(String option, String power, String c, String scaled, int degree, boolean logForm) {
    Optional<AsymptoticScaling.Form> form = formOf(option);
    assertTrue(form.isPresent(), option);
    assertEquals(power, AsymptoticScaling.powerText(form.get().twicePower()), option + ": p");
    assertEquals(c, Symja.inputForm(form.get().logCoefficient()), option + ": c");
    assertEquals(scaled, Symja.inputForm(form.get().scaled()), option + ": f");
    assertEquals(degree, form.get().degree(), option + ": degree");
    assertEquals(logForm, form.get().logArgument() != null, option + ": one logarithm");
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "--kernel cosine",
      "--kernel mahalanobis",
      "--kernel euclidean --free s",
      "--energy -Exp[-Dot[q-k,q-k]]",
      // a root in an energy that is not homogeneous in the entries (f would read t)
      "--energy Sqrt[1+Dot[q-k,q-k]]",
      // a cube of a norm (p = 3/2): not taken (its own path serves it)
      "--energy Norm[q-k]^3"})
  void noFormWhereTheDerivationHasNone(String option) {
    assertTrue(formOf(option).isEmpty(), option);
  }

  private static Optional<AsymptoticScaling.Form> formOf(String option) {
    AttentionGeneration g = new AttentionGeneration(SYMJA);
    List<String> args = new java.util.ArrayList<>(List.of("--attention"));
    args.addAll(List.of(option.split(" ")));
    args.addAll(List.of("--stat", "mean"));
    return AsymptoticScaling.of(SYMJA, g.derive(g.resolve(args)));
  }
}
