package org.tdabench.datasets.fashion;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tdabench.core.Progress;
import org.tdabench.core.UserError;
import org.tdabench.datasets.DatasetSource;
import org.tdabench.datasets.PrepareContext;
import org.tdabench.datasets.Split;
import org.tdabench.datasets.fetch.RemoteFile;
import org.tdabench.datasets.fetch.VerifiedFile;
import org.tdabench.datasets.image.PilResize;
import org.tdabench.datasets.image.PixelImage;
import org.tdabench.datasets.prepared.PreparedWriter;
import org.tdabench.datasets.prepared.Sample;

/**
 * Fashion-MNIST (Xiao et al. 2017): 60,000 train and 10,000 test greyscale 28 x 28 images, 10
 * classes, from the four gzipped IDX files. Debian's {@code dataset-fashion-mnist} package installs
 * them in {@value #DEBIAN_DIR}, which is searched before downloading.
 */
public final class FashionMnistSource implements DatasetSource {
  public static final String NAME = "fashion-mnist";
  public static final String DEBIAN_DIR = "/usr/share/datasets/fashion-mnist";
  static final int PREPROCESSING = 1;

  public static final List<String> CLASSES = List.of(
      "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  private static final String BASE = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";
  /*
   * Archive MD5s: the Fashion-MNIST README (github.com/zalandoresearch/fashion-mnist); archive
   * SHA-256s and sizes: TensorFlow Datasets (url_checksums/fashion_mnist.txt). Content SHA-256s
   * (of the decompressed IDX bytes) were first recorded from Debian's dataset-fashion-mnist
   * 0.0~git20200523.55506a9-1, whose .gz files differ from upstream's only in the gzip header
   * (file name field and time stamp), so their archive checksums differ from the published ones.
   */
  private static final String PROVENANCE = "MD5 published in the Fashion-MNIST README; SHA-256 and size published by"
      + " TensorFlow Datasets; content SHA-256 (decompressed IDX) first recorded from Debian's dataset-fashion-mnist,"
      + " whose gzip headers differ from upstream's";

  public static final RemoteFile TRAIN_IMAGES = file("train-images-idx3-ubyte.gz", 26421880L,
      "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84", "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
      "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888");
  public static final RemoteFile TRAIN_LABELS = file("train-labels-idx1-ubyte.gz", 29515L,
      "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845", "25c81989df183df01b3e8a0aad5dffbe",
      "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9");
  public static final RemoteFile TEST_IMAGES = file("t10k-images-idx3-ubyte.gz", 4422102L,
      "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073", "bef4ecab320f06d8554ea6380940ec79",
      "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b");
  public static final RemoteFile TEST_LABELS = file("t10k-labels-idx1-ubyte.gz", 5148L,
      "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5", "bb300cfdad3c16e7a12a480ee83cd310",
      "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

  private static RemoteFile file(String name, long size, String sha256, String md5, String contentSha256) {
    return new RemoteFile(name, URI.create(BASE + name), size, sha256, md5, contentSha256, PROVENANCE, null);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Fashion-MNIST: 60,000 train / 10,000 test, 28x28 greyscale, 10 classes (gzipped IDX)";
  }

  @Override
  public List<String> variants() {
    return List.of("idx");
  }

  @Override
  public List<RemoteFile> remoteFiles(String variant) {
    return List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
  }

  @Override
  public List<Path> localCandidates() {
    return List.of(Path.of(DEBIAN_DIR));
  }

  @Override
  public PreparedWriter.Spec spec(PrepareContext ctx) {
    int r = ctx.resolution(28);
    Map<String, Object> recipe = new LinkedHashMap<>();
    recipe.put("resolution", r);
    recipe.put("resize", r == 28 ? "none" : "pil-bilinear-antialias");
    return new PreparedWriter.Spec(NAME, variant(ctx), NAME + "/" + PREPROCESSING, description(), 1, r, false,
        CLASSES.size(), "one-hot", null, CLASSES, false, recipe);
  }

  @Override
  public void write(PrepareContext ctx, PreparedWriter out) throws IOException {
    int r = out.spec().resolution();
    IdxFile[][] parts = new IdxFile[2][];
    RemoteFile[][] files = {{TRAIN_IMAGES, TRAIN_LABELS}, {TEST_IMAGES, TEST_LABELS}};
    for (int s = 0; s < 2; s++) {
      parts[s] = new IdxFile[2];
      for (int k = 0; k < 2; k++) {
        VerifiedFile vf = ctx.require(files[s][k]);
        out.addSource(vf);
        try {
          parts[s][k] = IdxFile.read(vf.path());
        } catch (IOException e) {
          throw ctx.corrupt(vf.path(), e);
        }
      }
      IdxFile img = parts[s][0];
      IdxFile lab = parts[s][1];
      if (img.dims().length != 3 || lab.dims().length != 1 || img.dims()[0] != lab.dims()[0]) {
        throw new UserError(files[s][0].fileName() + " and " + files[s][1].fileName()
            + " do not match (image and label counts or dimensions differ); fetch them again");
      }
    }
    long total = parts[0][1].dims()[0] + (long) parts[1][1].dims()[0];
    try (Progress bar = ctx.progress(NAME, total)) {
      for (Split split : Split.values()) {
        IdxFile img = parts[split.ordinal()][0];
        IdxFile lab = parts[split.ordinal()][1];
        int n = img.dims()[0];
        int h = img.dims()[1];
        int w = img.dims()[2];
        for (int i = 0; i < n; i++) {
          int label = lab.data()[i] & 0xff;
          if (label >= CLASSES.size()) {
            throw new UserError(files[split.ordinal()][1].fileName() + " has label " + label + " at " + i
                + "; the file is corrupt: fetch it again");
          }
          byte[] px = new byte[h * w];
          System.arraycopy(img.data(), i * h * w, px, 0, h * w);
          PixelImage p = new PixelImage(h, w, 1, px);
          if (h != r || w != r) {
            p = PilResize.resize(p, r, r);
          }
          out.add(Sample.labelled(split, label, p, Sample.oneHot(label, CLASSES.size()), CLASSES.get(label),
              files[split.ordinal()][0].fileName() + "#" + i, -1));
          bar.step(1);
        }
      }
    }
  }
}
