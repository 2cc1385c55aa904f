package org.tdabench.models.nn;

import java.util.Arrays;

/**
 * One trainable tensor of the network: a PyTorch-style dotted name (so parameter subsets can be
 * chosen as the reference chooses them, by name), its shape and its initialiser.
 *
 * <p>Layouts: linear weights are {@code [in, out]}; conv weights are {@code [kh, kw, in, out]}
 * (TensorFlow HWIO); transposed-conv weights (kernel = stride) are {@code [in, kh, kw, out]}.
 */
public record ParamSpec(String name, long[] shape, Init init) {

  /** How a tensor is initialised (PyTorch defaults and the reference's zero inits). */
  public sealed interface Init permits Zeros, Ones, Uniform, Normal {}

  /** All zeros (adapters, conv2 of every ConvBlock, {@code last}, extra tokens, xdrop). */
  public record Zeros() implements Init {}

  /** All ones (InstanceNorm weights). */
  public record Ones() implements Init {}

  /** U(-bound, bound): PyTorch's kaiming_uniform(a = sqrt 5) gives bound = 1 / sqrt(fan_in). */
  public record Uniform(double bound) implements Init {}

  /** N(0, std^2): nn.Embedding's default. */
  public record Normal(double std) implements Init {}

  public ParamSpec {
    shape = shape.clone();
  }

  public long size() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /** True for biases (the reference freezes every ".bias" for MUCS). */
  public boolean isBias() {
    return name.endsWith(".bias");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParamSpec p && p.name.equals(name) && Arrays.equals(p.shape, shape)
        && p.init.equals(init);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape);
  }
}
