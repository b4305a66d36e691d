package dev.activations.deriver.derivation;

import dev.activations.deriver.symbolic.Symja;
import dev.activations.deriver.verify.OverflowPoints;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IASTAppendable;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * The pieces of the energies and of their slopes that grow without bound in z and so leave the
 * double range far out: every power {@code b^p} whose exponent is free of z (greater than 1 is
 * decided later, at the parameters' values), every exponential {@code E^a} or {@code c^a} (a
 * depending on z, c a constant) and every {@code Cosh[a]}, {@code Sinh[a]}, each alone and, where it
 * is the one factor of a product that depends on z (signs aside), times that product's constant
 * factor; and each energy and slope as a whole ({@link OverflowPoints.Growth#WHOLE}), for growth
 * that is none of these. Each is given as the growth kind, the argument's text, the exponent and the factor, which
 * {@link OverflowPoints} solves for the z where the piece passes the largest double.
 *
 * <p>Why from the energies: the candidate forms of every output are built from them (their
 * differences, the responsibilities, the slopes), so where an energy's piece overflows is where a
 * form can meet {@code Inf - Inf} or {@code Inf / Inf}; the standard sample points, the same for
 * every spec, fall where they fall (a 5/2 power overflows at 2.0e123, between the points 1e100
 * and 1e155).
 */
public final class GrowingPieces {
  private GrowingPieces() {}

  /**
   * The distinct growing pieces of {@code energies} and of their slopes {@code d e_h / dz} (which
   * the derivatives' forms compute: {@code 4 (z-1)^3} overflows at 3.6e102, where {@code (z-1)^4}
   * did long before), in the order first met (deterministic).
   */
  public static List<OverflowPoints.Piece> of(Symja symja, List<IExpr> energies) {
    ISymbol z = symja.symbol("z");
    Set<OverflowPoints.Piece> out = new LinkedHashSet<>();
    for (IExpr e : energies) collect(symja, e, z, out);
    // the energies' differences, whose exponentials the responsibilities and every form built on
    // them take (OverflowPoints.Growth.GAP)
    for (int h = 0; h < energies.size(); h++) {
      for (int k = h + 1; k < energies.size(); k++) {
        IExpr gap = symja.eval(F.Subtract(energies.get(h), energies.get(k)));
        if (gap instanceof IAST && !gap.isFree(z)) out.add(new OverflowPoints.Piece(OverflowPoints.Growth.GAP, Symja.inputForm(gap), "1"));
      }
    }
    for (IExpr e : energies) {
      IExpr slope;
      try {
        slope = symja.eval(F.D(e, z));
      } catch (RuntimeException notDifferentiated) {
        continue; // its energy's pieces still count
      }
      collect(symja, slope, z, out);
    }
    return List.copyOf(out);
  }

  private static void collect(Symja symja, IExpr e, ISymbol z, Set<OverflowPoints.Piece> out) {
    // the whole energy or slope too, for growth no piece below describes (|u| log(1 + |u|));
    // OverflowPoints drops its points where a piece marks the same threshold
    if (e instanceof IAST && !e.isFree(z)) out.add(new OverflowPoints.Piece(OverflowPoints.Growth.WHOLE, Symja.inputForm(e), "1"));
    pieces(symja, e, z, out);
  }

  private static void pieces(Symja symja, IExpr e, ISymbol z, Set<OverflowPoints.Piece> out) {
    if (!(e instanceof IAST ast) || e.isFree(z)) return;
    piece(e, z, "1").ifPresent(out::add);
    if (ast.isTimes()) {
      // c g(a) with one growing factor (and signs, of size 1): the product leaves the range where
      // g reaches L/|c| (the slope 4 |z-1|^3 Abs'[z-1] of |z-1|^4 at 3.6e102, |z-1|^3 at 5.6e102)
      IExpr dependent = null;
      int count = 0;
      IASTAppendable scale = F.TimesAlloc(ast.size());
      for (int i = 1; i < ast.size(); i++) {
        IExpr f = ast.get(i);
        if (f.isFree(z)) {
          scale.append(f);
        } else if (!isSign(f)) {
          dependent = f;
          count++;
        }
      }
      if (count == 1) {
        IExpr c = scale.argSize() == 0 ? F.C1 : symja.eval(scale);
        piece(dependent, z, Symja.inputForm(c)).ifPresent(out::add);
      }
    }
    for (int i = 1; i < ast.size(); i++) pieces(symja, ast.get(i), z, out);
  }

  /** {@code Sign[u]}, or {@code Abs'[u]} (Symja's derivative of {@code Abs}, a sign too). */
  private static boolean isSign(IExpr f) {
    if (f.isAST(S.Sign, 2)) return true;
    IExpr head = f.head();
    return head.isAST() && head.argSize() == 1 && head.first().equals(S.Abs) && head.head().isAST(S.Derivative, 2);
  }

  /** {@code e} as a growing piece times {@code scale}, if it is one. */
  private static java.util.Optional<OverflowPoints.Piece> piece(IExpr e, ISymbol z, String scale) {
    if (e.isPower()) {
      IExpr base = e.base();
      IExpr exponent = e.exponent();
      if (base.equals(S.E)) {
        return java.util.Optional.of(new OverflowPoints.Piece(OverflowPoints.Growth.EXP, Symja.inputForm(exponent), "1", scale));
      } else if (base.isFree(z) && !exponent.isFree(z)) {
        // c^a = exp(a log c)
        return java.util.Optional.of(new OverflowPoints.Piece(OverflowPoints.Growth.EXP,
            Symja.inputForm(F.Times(exponent, F.Log(base))), "1", scale));
      } else if (exponent.isFree(z)) {
        return java.util.Optional.of(new OverflowPoints.Piece(OverflowPoints.Growth.POWER, Symja.inputForm(base),
            Symja.inputForm(exponent), scale));
      }
    } else if (e.isAST(S.Exp, 2)) {
      return java.util.Optional.of(new OverflowPoints.Piece(OverflowPoints.Growth.EXP, Symja.inputForm(e.first()), "1", scale));
    } else if (e.isAST(S.Cosh, 2) || e.isAST(S.Sinh, 2)) {
      return java.util.Optional.of(new OverflowPoints.Piece(OverflowPoints.Growth.COSH, Symja.inputForm(e.first()), "1", scale));
    }
    return java.util.Optional.empty();
  }
}
