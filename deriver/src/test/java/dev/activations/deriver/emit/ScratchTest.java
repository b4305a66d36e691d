package dev.activations.deriver.emit;
import org.junit.jupiter.api.Test;
class ScratchTest {
  @Test void show() {
    System.out.println(ClassEmitter.emit(Fixtures.tanh(), "dev.example", "Tanh"));
    System.out.println(ClassEmitter.emit(Fixtures.responsibilities(), "dev.example", "Resp"));
    System.out.println(ClassEmitter.emit(Fixtures.scaled(), "dev.example", "Scaled"));
    dev.activations.deriver.verify.InMemoryCompiler.compile(ClassEmitter.emit(Fixtures.tanh(), "dev.example", "Tanh"), ClassEmitter.emit(Fixtures.responsibilities(), "dev.example", "Resp"), ClassEmitter.emit(Fixtures.scaled(), "dev.example", "Scaled"), ClassEmitter.emit(Fixtures.gated(), "dev.example", "Gated"));
  }
}
