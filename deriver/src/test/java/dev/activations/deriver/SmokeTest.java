package dev.activations.deriver;
import org.junit.jupiter.api.Test;
class SmokeTest { @Test void ok() {} }
