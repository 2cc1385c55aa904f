package org.tdabench.datasets.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tdabench.core.Hashing;
import org.tdabench.core.UserError;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * A text encoder exported as a TensorFlow SavedModel (tag {@code serve}) whose
 * {@code serving_default} signature takes one string tensor of shape [B] and returns one float
 * tensor of shape [B, D] (e.g. a CLIP text tower exported from Python). Captions are embedded in
 * batches of {@value #BATCH}; outputs are used as the model returns them.
 */
public final class SavedModelTextEncoder implements TextEncoder {
  public static final String TAG = "serve";
  public static final String SIGNATURE = "serving_default";
  static final int BATCH = 64;

  private final Path dir;
  private final String digest;
  private final SavedModelBundle bundle;
  private final SessionFunction function;
  private final String input;
  private final String output;
  private final int dim;

  private SavedModelTextEncoder(Path dir, String digest, SavedModelBundle bundle, SessionFunction function,
      String input, String output, int dim) {
    this.dir = dir;
    this.digest = digest;
    this.bundle = bundle;
    this.function = function;
    this.input = input;
    this.output = output;
    this.dim = dim;
  }

  /** The signature's string input and float output, read from saved_model.pb without loading TensorFlow. */
  record Interface(String input, String output, int dim) {}

  /** Reads the serving signature from {@code dir/saved_model.pb}; dim is -1 when not static. */
  static Interface inspect(Path dir) {
    Path pb = dir.resolve("saved_model.pb");
    String need = "; it must be a SavedModel with tag 'serve' and a '" + SIGNATURE
        + "' signature from one string tensor [B] to one float tensor [B, D]";
    SavedModel sm;
    try {
      sm = SavedModel.parseFrom(Files.readAllBytes(pb));
    } catch (IOException e) {
      throw new UserError("cannot read text model " + pb + " (" + UserError.oneLine(e.getMessage()) + ")" + need);
    }
    for (MetaGraphDef mg : sm.getMetaGraphsList()) {
      if (!mg.getMetaInfoDef().getTagsList().contains(TAG)) {
        continue;
      }
      SignatureDef sig = mg.getSignatureDefMap().get(SIGNATURE);
      if (sig == null) {
        break;
      }
      List<String> ins = sig.getInputsMap().entrySet().stream()
          .filter(e -> e.getValue().getDtype() == DataType.DT_STRING).map(Map.Entry::getKey).toList();
      List<Map.Entry<String, TensorInfo>> outs = sig.getOutputsMap().entrySet().stream()
          .filter(e -> e.getValue().getDtype() == DataType.DT_FLOAT).toList();
      if (ins.size() != 1 || sig.getInputsMap().size() != 1 || outs.size() != 1) {
        throw new UserError("text model " + dir + " has inputs " + sig.getInputsMap().keySet() + " and outputs "
            + sig.getOutputsMap().keySet() + need);
      }
      var shape = outs.get(0).getValue().getTensorShape();
      int d = -1;
      if (!shape.getUnknownRank() && shape.getDimCount() == 2 && shape.getDim(1).getSize() > 0) {
        d = Math.toIntExact(shape.getDim(1).getSize());
      }
      return new Interface(ins.get(0), outs.get(0).getKey(), d);
    }
    throw new UserError("text model " + dir + " has no '" + SIGNATURE + "' signature under tag '" + TAG + "'" + need);
  }

  /** SHA-256 over the model's files (relative path and content), identifying it in the manifest. */
  static String digest(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> files = new ArrayList<>(walk.filter(Files::isRegularFile).sorted().toList());
      StringBuilder sb = new StringBuilder();
      for (Path f : files) {
        sb.append(dir.relativize(f).toString().replace('\\', '/')).append('\0').append(Hashing.sha256Hex(f)).append('\n');
      }
      return Hashing.sha256Hex(sb.toString());
    } catch (IOException e) {
      throw new UserError("cannot read text model folder " + dir + " (" + UserError.oneLine(e.getMessage()) + ")");
    }
  }

  /** Loads the model (this starts TensorFlow). */
  public static SavedModelTextEncoder open(Path dir) {
    Interface itf = inspect(dir);
    String digest = digest(dir);
    SavedModelBundle bundle;
    try {
      bundle = SavedModelBundle.load(dir.toString(), TAG);
    } catch (RuntimeException e) {
      throw new UserError("cannot load text model " + dir + " (" + UserError.oneLine(e.getMessage()) + ")");
    }
    SessionFunction fn = bundle.function(SIGNATURE);
    SavedModelTextEncoder enc = new SavedModelTextEncoder(dir, digest, bundle, fn, itf.input(), itf.output(), itf.dim());
    if (itf.dim() > 0) {
      return enc;
    }
    int d = enc.run(List.of("a probe caption"))[0].length; // dynamic output width: ask the model
    return new SavedModelTextEncoder(dir, digest, bundle, fn, itf.input(), itf.output(), d);
  }

  @Override
  public int dim() {
    return dim;
  }

  @Override
  public float[][] encode(long[] ids, List<String> texts) {
    float[][] out = new float[texts.size()][];
    for (int start = 0; start < texts.size(); start += BATCH) {
      List<String> batch = texts.subList(start, Math.min(texts.size(), start + BATCH));
      float[][] e = run(batch);
      for (int i = 0; i < e.length; i++) {
        if (dim > 0 && e[i].length != dim) {
          throw new UserError("text model " + dir + " returned " + e[i].length + " values, expected " + dim);
        }
        out[start + i] = e[i];
      }
    }
    return out;
  }

  private float[][] run(List<String> texts) {
    try (TString in = TString.vectorOf(texts.toArray(String[]::new));
        Result r = function.call(Map.of(input, in))) {
      Tensor t = r.get(output).orElseThrow(() -> new UserError("text model " + dir + " returned no '" + output + "'"));
      if (!(t instanceof TFloat32 f) || t.shape().numDimensions() != 2 || t.shape().get(0) != texts.size()) {
        throw new UserError("text model " + dir + " returned " + t.shape() + " for " + texts.size()
            + " captions; expected a float tensor [B, D]");
      }
      return StdArrays.array2dCopyOf(f);
    }
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", "savedmodel");
    m.put("model", dir.getFileName().toString());
    m.put("sha256", digest);
    m.put("signature", SIGNATURE);
    m.put("dim", dim);
    return m;
  }

  @Override
  public void close() {
    bundle.close();
  }
}
