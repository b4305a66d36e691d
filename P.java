import dev.activations.deriver.symbolic.*;
public class P {
  public static void main(String[] a) throws Exception {
    Symja s = new Symja();
    var e = s.evalTrusted(a[0]);
    long t=System.nanoTime();
    var r = Bounded.apply(s, a.length>1?a[1]:"Simplify", e, WorkBudget.PIECE);
    System.out.println(((System.nanoTime()-t)/1e9)+" s "+r.map(Symja::inputForm).orElse("EMPTY"));
    System.exit(0);
  }
}
