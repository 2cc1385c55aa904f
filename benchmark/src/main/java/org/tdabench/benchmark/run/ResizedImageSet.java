package org.tdabench.benchmark.run;

import org.tdabench.datasets.PreparedDataset;
import org.tdabench.datasets.image.PilResize;
import org.tdabench.datasets.image.PixelImage;

/**
 * Rows of a prepared dataset resized to a smaller square side (Pillow's bicubic resize, as the
 * datasets were prepared), held in memory: real data at the resolution of a CPU preset (Fashion-MNIST's
 * 28 px at 16 px). Only for the few thousand images a CPU preset uses.
 */
final class ResizedImageSet extends DatasetRows {
  private final int side;
  private final int channels;
  private final float[] images;

  ResizedImageSet(PreparedDataset ds, int[] rows, int side, boolean conditional) {
    super(ds, rows, conditional);
    this.side = side;
    this.channels = ds.channels();
    int d = side * side * channels;
    this.images = new float[Math.multiplyExact(rows.length, d)];
    int res = ds.resolution();
    for (int i = 0; i < rows.length; i++) {
      int[] o = ds.centerOffset(rows[i]);
      PixelImage full = new PixelImage(ds.height(rows[i]), ds.width(rows[i]), channels, ds.storedImageBytes(rows[i]))
          .crop(o[0], o[1], res, res);
      byte[] px = PilResize.resize(full, side, side).data();
      for (int k = 0; k < d; k++) {
        images[i * d + k] = (px[k] & 0xff) / 127.5f - 1f;
      }
    }
  }

  @Override
  public int imageSize() {
    return side * side * channels;
  }

  @Override
  public void image(int i, float[] out, int offset) {
    System.arraycopy(images, i * imageSize(), out, offset, imageSize());
  }
}
