package org.tdabench.datasets.prepared;

import java.util.List;

/**
 * File names and layout of a prepared dataset folder (documented in {@code datasets/README.md} and
 * in every {@code manifest.json}).
 */
public final class PreparedFormat {
  /** Value of the manifest's {@code format} field. */
  public static final String FORMAT = "tdabench-prepared";
  /** Bumped on any incompatible change of the folder layout. */
  public static final int FORMAT_VERSION = 1;

  public static final String IMAGES = "images.u8";
  public static final String COND = "cond.f32";
  public static final String INDEX = "index.csv";
  public static final String CAPTIONS_INDEX = "captions.csv";
  public static final String CAPTIONS_COND = "captions.f32";
  public static final String MANIFEST = "manifest.json";

  /** Columns of {@code index.csv}, in order. */
  public static final List<String> INDEX_COLUMNS = List.of(
      "id", "split", "label", "caption", "source", "duplicate_group", "height", "width", "offset",
      "caption_start", "caption_count");

  /** Columns of {@code captions.csv}, in order. */
  public static final List<String> CAPTION_COLUMNS = List.of("caption_row", "id", "k", "annotation_id", "caption");

  /** Layout of {@code images.u8} when every image has the same square shape. */
  public static final String DENSE = "dense";
  /** Layout of {@code images.u8} when images differ in shape (COCO keeps aspect ratio). */
  public static final String RAGGED = "ragged";

  static final String IMAGES_DOC_DENSE =
      "uint8, C order, shape [N, H, W, C] (HWC per image, images back to back in row order = id order);"
          + " numpy: np.memmap('images.u8', dtype=np.uint8, mode='r', shape=(N, H, W, C)).";
  static final String IMAGES_DOC_RAGGED =
      "uint8, images of different shape back to back in row order; image i is"
          + " a[offset_i : offset_i + height_i * width_i * C].reshape(height_i, width_i, C) with"
          + " a = np.memmap('images.u8', dtype=np.uint8, mode='r') and offset/height/width from index.csv."
          + " Models use the centre square of side 'resolution' (torchvision CenterCrop offsets).";
  static final String COND_DOC =
      "float32 little-endian, C order, shape [N, D]: np.memmap('cond.f32', dtype='<f4', mode='r', shape=(N, D))."
          + " Row i conditions image i (one-hot class, or the embedding of caption 0).";
  static final String CAPTIONS_DOC =
      "captions.f32 is float32 little-endian [M, D] with the embedding of every caption; captions.csv row r"
          + " (caption_row r) names its image id and caption number k; index.csv caption_start/caption_count"
          + " select an image's rows. Caption 0 is the one used for attribution and generation.";
  static final String INDEX_DOC =
      "UTF-8 CSV with a header. id: stable global running index (train first, then test); split: train|test;"
          + " label: class index or -1; caption: class name or caption 0; source: where the image came from;"
          + " duplicate_group: planted near-duplicate group or -1; height/width: stored image shape;"
          + " offset: byte offset in images.u8; caption_start/caption_count: rows in captions.csv/captions.f32"
          + " (-1/0 when there are none).";

  private PreparedFormat() {}
}
