package org.tdabench.benchmark.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tdabench.core.AtomicFiles;

/**
 * The safetensors format (huggingface/safetensors): an unsigned little-endian 64-bit header length
 * N, N bytes of JSON mapping each tensor name to its {@code dtype}, {@code shape} and
 * {@code data_offsets} [begin, end) into the data section (plus an optional {@code __metadata__}
 * map of strings), padded with spaces to a multiple of 8, then the tensors' little-endian bytes,
 * back to back. {@code safetensors.torch.load_file} and {@code safe_open} read these files.
 * Tensors here are float32 ({@code F32}).
 */
public final class Safetensors {
  private Safetensors() {}

  /** A float32 tensor: row-major values and its shape. */
  public record Tensor(float[] values, long[] shape) {
    public Tensor {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      if (n != values.length) {
        throw new IllegalArgumentException("shape holds " + n + " values, the array " + values.length);
      }
    }
  }

  /** Writes {@code tensors} (in name order, as the format's writers do) and {@code metadata} atomically. */
  public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
    Map<String, Tensor> sorted = new TreeMap<>(tensors);
    Map<String, Object> header = new LinkedHashMap<>();
    if (!metadata.isEmpty()) {
      header.put("__metadata__", new TreeMap<>(metadata));
    }
    long offset = 0;
    for (Map.Entry<String, Tensor> e : sorted.entrySet()) {
      long bytes = 4L * e.getValue().values().length;
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("dtype", "F32");
      h.put("shape", e.getValue().shape());
      h.put("data_offsets", List.of(offset, offset + bytes));
      header.put(e.getKey(), h);
      offset += bytes;
    }
    byte[] json = new ObjectMapper().writeValueAsBytes(header);
    int padded = (json.length + 7) / 8 * 8;
    byte[] head = new byte[padded];
    System.arraycopy(json, 0, head, 0, json.length);
    java.util.Arrays.fill(head, json.length, padded, (byte) ' ');
    AtomicFiles.writeFile(file, raw -> {
      OutputStream out = new BufferedOutputStream(raw, 1 << 20);
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
      out.write(head);
      ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
      for (Tensor t : sorted.values()) {
        for (float v : t.values()) {
          if (!buf.hasRemaining()) {
            out.write(buf.array(), 0, buf.position());
            buf.clear();
          }
          buf.putFloat(v);
        }
      }
      out.write(buf.array(), 0, buf.position());
      out.flush();
    });
  }

  /** Reads a file this class wrote (float32 tensors only): tensors by name, and the metadata. */
  public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {}

  @SuppressWarnings("unchecked")
  public static Contents read(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    int n = Math.toIntExact(b.getLong());
    Map<String, Object> header = new ObjectMapper().readValue(new String(all, 8, n, StandardCharsets.UTF_8), Map.class);
    Map<String, String> meta = (Map<String, String>) header.getOrDefault("__metadata__", Map.of());
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : header.entrySet()) {
      if (e.getKey().equals("__metadata__")) {
        continue;
      }
      Map<String, Object> h = (Map<String, Object>) e.getValue();
      if (!"F32".equals(h.get("dtype"))) {
        throw new IOException(file + ": tensor " + e.getKey() + " is " + h.get("dtype") + ", not F32");
      }
      List<Number> shape = (List<Number>) h.get("shape");
      List<Number> off = (List<Number>) h.get("data_offsets");
      long[] sh = shape.stream().mapToLong(Number::longValue).toArray();
      int begin = Math.toIntExact(8 + n + off.get(0).longValue());
      float[] v = new float[Math.toIntExact((off.get(1).longValue() - off.get(0).longValue()) / 4)];
      ByteBuffer.wrap(all, begin, v.length * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
      out.put(e.getKey(), new Tensor(v, sh));
    }
    return new Contents(out, meta);
  }
}
