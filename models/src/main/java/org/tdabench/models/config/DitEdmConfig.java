package org.tdabench.models.config;

import java.util.Arrays;
import org.tdabench.core.UserError;

/**
 * Architecture of the DiT-EDM network of the MUCS reference (models/dit_edm.py, lib/nn.py): a conv
 * front end (encoder/decoder of {@code ConvBlock2d}s), patch embedding with fixed 2-D sin-cos
 * positions, learned extra (register) tokens, sigma/condition/augmentation embeddings summed into
 * one condition vector, DiT blocks with gate-first zero-initialised adaLN adapters, a final adaLN
 * layer, a transposed-conv unpatchify, and a zero-initialised bias-free {@code last} map.
 *
 * @param imageChannels image channels C (3 for RGB)
 * @param imageHeight image height H
 * @param imageWidth image width W
 * @param condDim conditioning-vector dimension (label_dim); 0 means unconditional
 * @param frontendChannels output channels of each encoder block (reference: [4,4] or [16,16])
 * @param frontendResample down-sampling factor of each encoder block (reference: [1,1] or [1,2])
 * @param frontendKernel kernel of the zero-initialised "same" conv in each block (reference: 5)
 * @param lastFactor the decoder's last block outputs imageChannels * lastFactor channels (4)
 * @param patch patch side (reference: 2)
 * @param extraTokens learned register tokens prepended to the patch tokens (reference: 32)
 * @param width DiT width (reference: 768)
 * @param depth number of DiT blocks (reference: 12)
 * @param heads attention heads (reference: 12)
 * @param mlpRatio MLP hidden width = mlpRatio * width (reference: 4)
 * @param dropout dropout probability in attention, MLP and condition MLP (reference: 0.1)
 * @param condWidth width of the condition vector c (num_channels_cond; 256, COCO 1024)
 * @param fourierFeatures sigma Fourier features (reference: 256 = 128 sin + 128 cos)
 */
public record DitEdmConfig(
    int imageChannels,
    int imageHeight,
    int imageWidth,
    int condDim,
    int[] frontendChannels,
    int[] frontendResample,
    int frontendKernel,
    int lastFactor,
    int patch,
    int extraTokens,
    int width,
    int depth,
    int heads,
    int mlpRatio,
    double dropout,
    int condWidth,
    int fourierFeatures) {

  public DitEdmConfig {
    frontendChannels = frontendChannels.clone();
    frontendResample = frontendResample.clone();
  }

  public boolean unconditional() {
    return condDim == 0;
  }

  /** Total down-sampling of the front end. */
  public int frontendDownsample() {
    int r = 1;
    for (int v : frontendResample) {
      r *= v;
    }
    return r;
  }

  /** Channels of the latent fed to the patch embedder. */
  public int latentChannels() {
    return frontendChannels.length == 0 ? imageChannels : frontendChannels[frontendChannels.length - 1];
  }

  public int latentHeight() {
    return imageHeight / frontendDownsample();
  }

  public int latentWidth() {
    return imageWidth / frontendDownsample();
  }

  public int gridHeight() {
    return latentHeight() / patch;
  }

  public int gridWidth() {
    return latentWidth() / patch;
  }

  /** Patch tokens (excluding the extra tokens). */
  public int patchTokens() {
    return gridHeight() * gridWidth();
  }

  public int tokens() {
    return patchTokens() + extraTokens;
  }

  public int headDim() {
    return width / heads;
  }

  public int mlpHidden() {
    return width * mlpRatio;
  }

  /** This architecture for images of another shape and conditioning dimension. */
  public DitEdmConfig withData(int channels, int height, int width, int condDim) {
    return new DitEdmConfig(channels, height, width, condDim, frontendChannels, frontendResample,
        frontendKernel, lastFactor, patch, extraTokens, this.width, depth, heads, mlpRatio, dropout,
        condWidth, fourierFeatures);
  }

  /** Checks every constraint the network relies on; throws a one-line {@link UserError}. */
  public DitEdmConfig validate() {
    require(imageChannels > 0 && imageHeight > 0 && imageWidth > 0,
        "image shape must be positive, got " + imageChannels + "x" + imageHeight + "x" + imageWidth);
    require(condDim >= 0, "condDim must be >= 0 (0 = unconditional), got " + condDim);
    require(frontendChannels.length == frontendResample.length,
        "frontend channels " + Arrays.toString(frontendChannels) + " and resample "
            + Arrays.toString(frontendResample) + " must have the same length");
    for (int c : frontendChannels) {
      require(c > 0, "frontend channels must be positive: " + Arrays.toString(frontendChannels));
    }
    for (int r : frontendResample) {
      require(r >= 1, "frontend resample factors must be >= 1: " + Arrays.toString(frontendResample));
    }
    require(frontendKernel % 2 == 1 && frontendKernel > 0,
        "frontend kernel must be odd (a 'same' conv), got " + frontendKernel);
    require(lastFactor >= 1, "lastFactor must be >= 1, got " + lastFactor);
    int down = frontendDownsample();
    require(imageHeight % down == 0 && imageWidth % down == 0,
        "the front end down-samples by " + down + ", which does not divide the image "
            + imageHeight + "x" + imageWidth);
    require(patch >= 1, "patch must be >= 1, got " + patch);
    require(latentHeight() % patch == 0 && latentWidth() % patch == 0,
        "patch " + patch + " does not divide the latent " + latentHeight() + "x" + latentWidth()
            + " (image " + imageHeight + "x" + imageWidth + " / front-end factor " + down + ")");
    require(extraTokens >= 0, "extraTokens must be >= 0, got " + extraTokens);
    require(width > 0 && depth > 0 && heads > 0 && mlpRatio > 0 && condWidth > 0,
        "width, depth, heads, mlpRatio and condWidth must be positive");
    require(width % heads == 0, "width " + width + " is not divisible by heads " + heads);
    require(width % 4 == 0, "width " + width + " must be divisible by 4 (2-D sin-cos positions)");
    require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
    require(fourierFeatures > 0 && fourierFeatures % 2 == 0,
        "fourierFeatures must be positive and even, got " + fourierFeatures);
    return this;
  }

  static void require(boolean ok, String message) {
    if (!ok) {
      throw new UserError("impossible model config: " + message);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DitEdmConfig c
        && imageChannels == c.imageChannels && imageHeight == c.imageHeight
        && imageWidth == c.imageWidth && condDim == c.condDim
        && Arrays.equals(frontendChannels, c.frontendChannels)
        && Arrays.equals(frontendResample, c.frontendResample)
        && frontendKernel == c.frontendKernel && lastFactor == c.lastFactor && patch == c.patch
        && extraTokens == c.extraTokens && width == c.width && depth == c.depth
        && heads == c.heads && mlpRatio == c.mlpRatio
        && Double.compare(dropout, c.dropout) == 0 && condWidth == c.condWidth
        && fourierFeatures == c.fourierFeatures;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(imageChannels, imageHeight, imageWidth, condDim,
        Arrays.hashCode(frontendChannels), Arrays.hashCode(frontendResample), frontendKernel,
        lastFactor, patch, extraTokens, width, depth, heads, mlpRatio, dropout, condWidth,
        fourierFeatures);
  }

  @Override
  public String toString() {
    return "DitEdmConfig[image=" + imageChannels + "x" + imageHeight + "x" + imageWidth
        + ", condDim=" + condDim + ", frontend=" + Arrays.toString(frontendChannels) + "/"
        + Arrays.toString(frontendResample) + " k" + frontendKernel + " last" + lastFactor
        + ", patch=" + patch + ", extra=" + extraTokens + ", width=" + width + ", depth=" + depth
        + ", heads=" + heads + ", mlp=" + mlpRatio + ", dropout=" + dropout + ", cond=" + condWidth
        + "]";
  }
}
