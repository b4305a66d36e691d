package dev.activations.catalog;

import java.util.List;

/**
 * Every activation in this jar, in catalog order (generated from templates/catalog.txt).
 */
public final class Catalog {
  public static final List<Entry> ENTRIES = List.of(
    new Entry("GaussianSignedMean", "--kernel gaussian --hypotheses signed --stat mean --param s=1", "Tanh[z]"),
    new Entry("GaussianScaledSignedMean", "--kernel gaussian --hypotheses 3/2:1,-3/2:-1 --stat mean --param s=1/2", "Tanh[6*z]"),
    new Entry("GaussianSignedResponsibilities", "--kernel gaussian --hypotheses signed --stat responsibilities --param s=1", "{1/2*(1+Tanh[z]), 1/2*(1-Tanh[z])}"),
    new Entry("GaussianSignedLogResponsibilities", "--kernel gaussian --hypotheses signed --stat log-responsibilities --param s=1", "{z-Log[2*Cosh[z]], -Log[1+E^(2*z)]}"),
    new Entry("GaussianSignedMode", "--kernel gaussian --hypotheses signed --stat mode --param s=1", "Sign[z]"),
    new Entry("GaussianSignedVariance", "--kernel gaussian --hypotheses signed --stat variance --param s=1", "Sech[z]^2"),
    new Entry("GaussianSignedEntropy", "--kernel gaussian --hypotheses signed --stat entropy --param s=1", "Log[2*Cosh[z]]-z*Tanh[z]"),
    new Entry("GaussianSignedFreeEnergy", "--kernel gaussian --hypotheses signed --stat free-energy --param s=1", "1/2*(1+z^2)-Log[2*Cosh[z]]"),
    new Entry("GaussianGatedMean", "--kernel gaussian --hypotheses gated --stat mean --param s=1", "1/2*z*(1+Tanh[z])"),
    new Entry("GaussianGatedMode", "--kernel gaussian --hypotheses gated --stat mode --param s=1", "Max[z,0]"),
    new Entry("GaussianGatedVariance", "--kernel gaussian --hypotheses gated --stat variance --param s=1", "1/4*z^2*Sech[z]^2"),
    new Entry("GaussianGatedFreeEnergy", "--kernel gaussian --hypotheses gated --stat free-energy --param s=1", "1/2*(1+z^2)-Log[2*Cosh[z]]"),
    new Entry("GaussianPrototypes3Mean", "--kernel gaussian --hypotheses prototypes:3 --stat mean --param s=1", "(2*Sinh[z])/(Sqrt[E]+2*Cosh[z])"),
    new Entry("GaussianPrototypes3Responsibilities", "--kernel gaussian --hypotheses prototypes:3 --stat responsibilities --param s=1", "{1/(1+E^(1/2+z)+E^(2*z)), Sqrt[E]/(Sqrt[E]+2*Cosh[z]), E^z/(Sqrt[E]+2*Cosh[z])}"),
    new Entry("GaussianPrototypes3Entropy", "--kernel gaussian --hypotheses prototypes:3 --stat entropy --param s=1", "Log[Sqrt[E]+2*Cosh[z]]-(Sqrt[E]/2+2*z*Sinh[z])/(Sqrt[E]+2*Cosh[z])"),
    new Entry("GaussianPrototypes5Mean", "--kernel gaussian --hypotheses prototypes:5 --stat mean --param s=1/2", "(E^(3/2)*Sinh[2*z]+2*Sinh[4*z])/(E^2+2*E^(3/2)*Cosh[2*z]+2*Cosh[4*z])"),
    new Entry("GaussianSignedMeanScaleFree", "--kernel gaussian --hypotheses signed --stat mean --free s", "Tanh[z/s^2]"),
    new Entry("GaussianSignedMeanWithReject", "--kernel gaussian --hypotheses signed --reject 2 --stat mean --param s=1", "1/(1+E^(-2*z)+E^(1/2*(-3-2*z+z^2)))-1/(1+E^(2*z)+E^(-2+(1+z)^2/2))"),
    new Entry("GaussianSignedMeanHot", "--kernel gaussian --hypotheses signed --stat mean --param s=1 --temperature 2", "Tanh[z/2]"),
    new Entry("GaussianGatedMeanWithPrior", "--kernel gaussian --hypotheses 1:z:1/2,-1:0 --stat mean --param s=1", "1/2*z*(1+Tanh[1/4+z])"),
    new Entry("StudentTSignedMean", "--kernel student-t --hypotheses signed --stat mean --param nu=3 --param s=1", "(4*z*(4+z^2))/(16+12*z^2+z^4)"),
    new Entry("StudentTGatedMean", "--kernel student-t --hypotheses gated --stat mean --param nu=3 --param s=1", "2+z/2+(-16*(2+z^2))/(16+12*z^2+z^4)"),
    new Entry("StudentTSignedResponsibilities", "--kernel student-t --hypotheses signed --stat responsibilities --param nu=3 --param s=1", "{(4+2*z+z^2)^2/(2*(16+12*z^2+z^4)), (4-2*z+z^2)^2/(32+24*z^2+2*z^4)}"),
    new Entry("StudentTSignedFreeEnergy", "--kernel student-t --hypotheses signed --stat free-energy --param nu=3 --param s=1", "Log[(16+4*z^2+z^4)^2/(288+216*z^2+18*z^4)]"),
    new Entry("StudentTSignedMeanNuFree", "--kernel student-t --hypotheses signed --stat mean --param s=1 --free nu", "Tanh[1/2*(1/2*(-1-nu)*Log[1+(1-z)^2/nu]+1/2*(1+nu)*Log[1+(1+z)^2/nu])]"),
    new Entry("StudentTPrototypes3Mean", "--kernel student-t --hypotheses prototypes:3 --stat mean --param nu=3 --param s=1", "(8*z*(4+z^2)*(3+z^2)^2)/(544+536*z^2+242*z^4+44*z^6+3*z^8)"),
    new Entry("StudentTSignedEntropy", "--kernel student-t --hypotheses signed --stat entropy --param nu=3 --param s=1", "((4-2*z+z^2)^2*Log[(2*(16+12*z^2+z^4))/(4-2*z+z^2)^2])/(32+24*z^2+2*z^4)+(1/2+(2*z*(\n"
        + "4+z^2))/(16+12*z^2+z^4))*Log[1+(4-2*z+z^2)^2/(9*(1+(1+z)^2/3)^2)]"),
    new Entry("StudentTSignedMode", "--kernel student-t --hypotheses signed --stat mode --param nu=3 --param s=1", "-Sign[Log[1/3*(4-2*z+z^2)]-Log[1+(1+z)^2/3]]"),
    new Entry("CauchySignedMean", "--kernel cauchy --hypotheses signed --stat mean --param s=1", "(2*z)/(2+z^2)"),
    new Entry("CauchyGatedMean", "--kernel cauchy --hypotheses gated --stat mean --param s=1", "1+z/2-2/(2+z^2)"),
    new Entry("CauchyPrototypes3Mean", "--kernel cauchy --hypotheses prototypes:3 --stat mean --param s=1", "(4*(z+z^3))/(8+6*z^2+3*z^4)"),
    new Entry("CauchySignedFreeEnergy", "--kernel cauchy --hypotheses signed --stat free-energy --param s=1", "Log[(4+z^4)/(4+2*z^2)]"),
    new Entry("LaplaceSignedMean", "--kernel laplace --hypotheses signed --stat mean --param b=1", "Tanh[Clip[z,{-1,1}]]"),
    new Entry("LaplaceGatedMean", "--kernel laplace --hypotheses gated --stat mean --param b=1", "Piecewise[{{z/(1+E^2),z<=-1},{z/(1+E^(-2*z)),z<=1}},z/(1+1/E^2)]"),
    new Entry("LaplaceSignedResponsibilities", "--kernel laplace --hypotheses signed --stat responsibilities --param b=1", "{1/(1+E^(-2*Clip[z,{-1,1}])), 1/(1+E^(2*Clip[z,{-1,1}]))}"),
    new Entry("LaplaceSignedMode", "--kernel laplace --hypotheses signed --stat mode --param b=1", "-Sign[Piecewise[{{2,z<=-1},{-2*z,z<=1}},-2]]"),
    new Entry("LaplacePrototypes3Mean", "--kernel laplace --hypotheses prototypes:3 --stat mean --param b=1", "Piecewise[{{(1-E^2)/(1+E+E^2),z<=-1},{1/(1+E+E^(-2*z))-1/(1+E^(2*z)+E^(1+2*z)),z<=\n"
        + "0},{(-1+E^(2*z))/(1+E+E^(2*z)),z<=1}},(-1+E^2)/(1+E+E^2)]"),
    new Entry("HuberSignedMean", "--kernel huber --hypotheses signed --stat mean --param delta=1", "Piecewise[{{-Tanh[1],z<=-2},{Tanh[1/4*z*(4+z)],z<=0},{Tanh[(1-z/4)*z],z<=2}},Tanh[\n"
        + "1]]"),
    new Entry("HuberGatedMean", "--kernel huber --hypotheses gated --stat mean --param delta=1", "Piecewise[{{z/(1+E^2),z<=-2},{z/(1+E^(1/2*(-4-z)*z)),z<=0},{z/(1+E^(1/2*(-4+z)*z)),z<=\n"
        + "2}},z/(1+1/E^2)]"),
    new Entry("HuberPrototypes3Mean", "--kernel huber --hypotheses prototypes:3 --stat mean --param delta=1", "Piecewise[{{(1-E^2)/(1+E+E^2),z<=-2},{1/(1+E+E^(1/2*(-4-z)*z))-1/(1+E^(1/2*z*(4+z))+E^(\n"
        + "1+2*z+z^2/2)),z<=-1},{-1/(1+E^(1/2+z)+E^(1/2*z*(4+z)))+1/(1+E^(1/2*(-4-z)*z)+E^(\n"
        + "1/2-z-z^2/2)),z<=0},{1/(1+E^(1/2-z)+E^(1/2*(-4+z)*z))-1/(1+E^(1/2*(4-z)*z)+E^(1/\n"
        + "2+z-z^2/2)),z<=1},{-1/(1+E+E^(1/2*(4-z)*z))+1/(1+E^(1/2*(-4+z)*z)+E^(1-2*z+z^2/2)),z<=\n"
        + "2}},(-1+E^2)/(1+E+E^2)]"),
    new Entry("LogisticSignedMean", "--kernel logistic --hypotheses signed --stat mean --param a=1", "-Sinh[1]/(E^z+Cosh[1])"),
    new Entry("LogisticGatedMean", "--kernel logistic --hypotheses gated --stat mean --param a=1", "1/2*(z+(-z*Sinh[1])/(E^z+Cosh[1]))"),
    new Entry("LogisticSignedVariance", "--kernel logistic --hypotheses signed --stat variance --param a=1", "1-Sinh[1]^2/(E^z+Cosh[1])^2"),
    new Entry("LogisticSignedMode", "--kernel logistic --hypotheses signed --stat mode --param a=1", "Sign[Log[1+E^(-1-z)]-Log[1+E^(1-z)]]"),
    new Entry("LogisticSignedFreeEnergy", "--kernel logistic --hypotheses signed --stat free-energy --param a=1", "-Log[1/(1+E^(-1-z))+1/(1+E^(1-z))]"),
    new Entry("ExponentialSignedMean", "--kernel exponential --hypotheses signed --stat mean --param a=1", "Piecewise[{{-Tanh[(-1+E^2)/(2*E^(1+z))],z<=-1},{Tanh[E*Sinh[z]],z<=1}},Tanh[E^z*Sinh[\n"
        + "1]]]"),
    new Entry("ExponentialGatedMean", "--kernel exponential --hypotheses gated --stat mean --param a=1", "Piecewise[{{z/(1+E^((-1+E^2)/E^(1+z))),z<=-1},{z/(1+E^(E^(1-z)-E^(1+z))),z<=1}},z/(\n"
        + "1+E^(E^(-1+z)-E^(1+z)))]"),
    new Entry("YatGatedMean", "--kernel yat --hypotheses gated --stat mean --param eps=1", "z/(1+E^((-4*z^3)/(4+z^4)))"),
    new Entry("YatSignedMean", "--kernel yat --hypotheses signed --stat mean --param eps=1", "Tanh[(2*z^3)/(4+z^4)]"),
    new Entry("PseudoHuberSignedMean", "--kernel pseudo-huber --hypotheses signed --stat mean --param delta=1", "Tanh[1/2*(-Sqrt[2-2*z+z^2]+Sqrt[1+(1+z)^2])]"),
    new Entry("PseudoHuberGatedMean", "--kernel pseudo-huber --hypotheses gated --stat mean --param delta=1", "z/(1+E^(Sqrt[2-2*z+z^2]-Sqrt[1+(1+z)^2]))")
  );

  private Catalog() {
  }

  /**
   * One generated activation: its class (in this package), the derive options that regenerate it, and its closed form.
   */
  public record Entry(String className, String spec, String closedForm) {
  }
}
