#!/usr/bin/env python3
"""Compares the engine's closed forms with SymPy's simplify on the same definitions.

For each case: runs ./derive ... --format json, reads the statistic's closed form, builds the
definition (softmax posterior over the hypotheses, then the statistic) in SymPy, simplifies it
(60 s limit), and prints both operation counts (SymPy's count_ops) and whether the engine's form
equals the definition at three rational points (30 digits). This is how the SymPy column of the
README's closed-form table was measured.

Usage (SymPy 1.11 or later):  python3 tools/closed-forms-vs-sympy.py
"""
import os, re, signal, subprocess, sys
import sympy as sp

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
z = sp.Symbol('z', real=True)

def gaussian(s=1, T=1): return lambda m: (z - m)**2 / (2 * s**2) / T
def logcosh(c=1, T=1): return lambda m: sp.log(sp.cosh(c * (z - m))) / T
def logistic(a=1): return lambda m: sp.log(1 + sp.exp(-a * (z - m)))
def cauchy(s=1): return lambda m: sp.log(1 + (z - m)**2 / s**2)
def student_t(nu=3): return lambda m: sp.Rational(nu + 1, 2) * sp.log(1 + (z - m)**2 / nu)

SIGNED = [(1, 1), (-1, -1)]
GATED = [(1, z), (-1, 0)]
PROTO3 = [(-1, -1), (0, 0), (1, 1)]

# (derive options, energy of a centre, hypotheses [(centre, value)], statistic)
CASES = [
    ("--energy Log[Cosh[z-mu]] --hypotheses signed --stat mean", logcosh(), SIGNED, "mean"),
    ("--energy Log[Cosh[z-mu]] --hypotheses gated --stat mean", logcosh(), GATED, "mean"),
    ("--kernel logistic --hypotheses signed --stat mean", logistic(), SIGNED, "mean"),
    ("--kernel gaussian --hypotheses gated --stat entropy", gaussian(), GATED, "entropy"),
    ("--kernel logistic --hypotheses signed --stat variance", logistic(), SIGNED, "variance"),
    ("--kernel logistic --hypotheses gated --stat mean", logistic(), GATED, "mean"),
    ("--kernel gaussian --hypotheses signed --stat entropy", gaussian(), SIGNED, "entropy"),
    ("--kernel gaussian --hypotheses prototypes:3 --stat mean", gaussian(), PROTO3, "mean"),
    ("--kernel gaussian --hypotheses prototypes:3 --stat variance", gaussian(), PROTO3, "variance"),
    ("--kernel cauchy --hypotheses signed --stat variance", cauchy(), SIGNED, "variance"),
    ("--kernel cauchy --hypotheses signed --stat responsibilities", cauchy(), SIGNED, "responsibilities"),
    ("--kernel cauchy --hypotheses signed --stat free-energy", cauchy(), SIGNED, "free-energy"),
    ("--kernel student-t --hypotheses signed --stat variance", student_t(), SIGNED, "variance"),
    ("--energy Log[Cosh[z-mu]] --hypotheses signed --stat free-energy", logcosh(), SIGNED, "free-energy"),
    ("--energy Log[Cosh[z-mu]] --hypotheses prototypes:3 --stat mean", logcosh(), PROTO3, "mean"),
    ("--energy Log[Cosh[2*(z-mu)]] --hypotheses signed --stat mean", logcosh(c=2), SIGNED, "mean"),
    ("--kernel cauchy --param s=2 --hypotheses signed --stat mean", cauchy(s=2), SIGNED, "mean"),
    ("--kernel gaussian --hypotheses 2:2,1:1,-1:-1,-2:-2 --stat mean", gaussian(), [(2, 2), (1, 1), (-1, -1), (-2, -2)], "mean"),
    ("--kernel gaussian --hypotheses prototypes:3 --temperature 2 --stat mean", gaussian(T=2), PROTO3, "mean"),
]

def definition(energy, hypotheses, stat):
    w = [sp.exp(-energy(sp.sympify(m))) for m, _ in hypotheses]
    Z = sum(w)
    r = [x / Z for x in w]
    g = [sp.sympify(v) for _, v in hypotheses]
    mean = sum(ri * gi for ri, gi in zip(r, g))
    return {"mean": lambda: mean,
            "responsibilities": lambda: r[0],
            "variance": lambda: sum(ri * gi**2 for ri, gi in zip(r, g)) - mean**2,
            "entropy": lambda: -sum(ri * sp.log(ri) for ri in r),
            "free-energy": lambda: -sp.log(Z)}[stat]()

def to_sympy(text):
    text = text.strip().rstrip(',').strip('"').replace('\\n', '')
    if text.startswith('{'):
        text = text[1:].split(', ')[0]
    for symja, name in [('Log', 'log'), ('Tanh', 'tanh'), ('Cosh', 'cosh'), ('Sinh', 'sinh'), ('Sech', 'sech'),
                        ('Sqrt', 'sqrt'), ('Exp', 'exp')]:
        text = text.replace(symja + '[', name + '(')
    return sp.sympify(text.replace('[', '(').replace(']', ')').replace('^', '**'), locals={'E': sp.E, 'z': z})

class Timeout(Exception):
    pass

def alarm(*_):
    raise Timeout()

def main():
    signal.signal(signal.SIGALRM, alarm)
    for options, energy, hypotheses, stat in CASES:
        run = subprocess.run([os.path.join(ROOT, 'derive')] + options.split() + ['--format', 'json'],
                             capture_output=True, text=True)
        found = re.search(r'"statistic" : (.*)', run.stdout)
        engine = to_sympy(found.group(1)) if found else None
        exact = definition(energy, hypotheses, stat)
        signal.alarm(60)
        try:
            simplified = sp.simplify(exact)
            sympy_ops = sp.count_ops(simplified)
        except Timeout:
            simplified, sympy_ops = 'timeout', None
        signal.alarm(0)
        same = engine is not None and all(
            abs(float((engine - exact).subs(z, p).evalf(30))) < 1e-20 for p in (sp.Rational(-7, 3), sp.Rational(1, 2), 2))
        engine_ops = sp.count_ops(engine) if engine is not None else None
        print(f"{options}\n  engine {engine_ops} ops{'' if same else ' (NOT EQUAL TO THE DEFINITION)'}: {engine}"
              f"\n  sympy  {sympy_ops} ops: {simplified}", flush=True)

if __name__ == '__main__':
    sys.exit(main())
