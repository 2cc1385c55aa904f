package org.tdabench.datasets.cifar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Reads the pickled dicts of the CIFAR "python version" archives with razorvine's Unpickler, adding
 * the two constructors numpy arrays need ({@code numpy.core.multiarray._reconstruct} and
 * {@code numpy.dtype}). The files were written by Python 2, so keys and raw data arrive as
 * latin-1 strings; files written by Python 3 give bytes. Both are accepted.
 */
public final class NumpyPickle {
  static {
    IObjectConstructor reconstruct = args -> new NdArray();
    Unpickler.registerConstructor("numpy.core.multiarray", "_reconstruct", reconstruct);
    Unpickler.registerConstructor("numpy._core.multiarray", "_reconstruct", reconstruct);
    Unpickler.registerConstructor("numpy", "dtype", args -> new DType(text(args[0])));
  }

  private NumpyPickle() {}

  /** A numpy array rebuilt from its pickled state. */
  public static final class NdArray {
    long[] shape;
    String dtype;
    byte[] data;

    /** Called by the unpickler with (version, shape, dtype, is_fortran, raw data). */
    public void __setstate__(Object[] state) {
      int base = state.length == 5 ? 1 : 0; // version 0 states have no version field
      Object[] dims = (Object[]) state[base];
      shape = new long[dims.length];
      for (int i = 0; i < dims.length; i++) {
        shape[i] = ((Number) dims[i]).longValue();
      }
      dtype = ((DType) state[base + 1]).descr;
      if (Boolean.TRUE.equals(state[base + 2])) {
        throw new PickleException("Fortran-ordered arrays are not supported");
      }
      data = bytes(state[base + 3]);
    }

    public long[] shape() {
      return shape;
    }

    public String dtype() {
      return dtype;
    }

    public byte[] data() {
      return data;
    }
  }

  /** A numpy dtype; only its type code matters here (e.g. "u1"). */
  public static final class DType {
    final String descr;

    DType(String descr) {
      this.descr = descr;
    }

    /** The dtype's pickled state (byte order etc.) is not needed for uint8 data. */
    public void __setstate__(Object[] state) {
      // nothing to keep
    }
  }

  /** Unpickles one CIFAR batch file into a map with String keys. */
  public static Map<String, Object> loadDict(InputStream in) throws IOException {
    Object o;
    try {
      o = new Unpickler().load(in);
    } catch (PickleException | ClassCastException | ArrayIndexOutOfBoundsException e) {
      throw new IOException("not a readable pickle: " + e.getMessage(), e);
    }
    if (!(o instanceof Map<?, ?> m)) {
      throw new IOException("pickle does not hold a dict");
    }
    Map<String, Object> out = new HashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      out.put(text(e.getKey()), e.getValue());
    }
    return out;
  }

  /** A Python 2 str (latin-1 String here), Python 3 str, or bytes, as text. */
  static String text(Object o) {
    if (o instanceof byte[] b) {
      return new String(b, StandardCharsets.ISO_8859_1);
    }
    return String.valueOf(o);
  }

  /** Raw bytes from a Python 2 str (a String of chars < 256) or Python 3 bytes. */
  static byte[] bytes(Object o) {
    if (o instanceof byte[] b) {
      return b;
    }
    if (o instanceof String s) {
      return s.getBytes(StandardCharsets.ISO_8859_1);
    }
    throw new PickleException("expected raw array bytes, got " + (o == null ? "null" : o.getClass().getSimpleName()));
  }

  /** A list of Python ints as an int array. */
  static int[] ints(Object o) {
    if (!(o instanceof List<?> l)) {
      throw new PickleException("expected a list of labels");
    }
    int[] out = new int[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) l.get(i)).intValue();
    }
    return out;
  }

  /** A list of Python strings (or bytes). */
  static List<String> strings(Object o) {
    if (!(o instanceof List<?> l)) {
      throw new PickleException("expected a list of names");
    }
    return l.stream().map(NumpyPickle::text).toList();
  }
}
