package org.tdabench.models.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tdabench.core.AtomicFiles;
import org.tdabench.core.Hashing;
import org.tdabench.core.UserError;

/**
 * A checkpoint file: named groups of float tensors (model, EMA, AdamW moments, best EMA, ...) and
 * a JSON header (training state and any metadata), written atomically and sealed with a SHA-256 of
 * everything before it, so a truncated or corrupt file is detected on load.
 *
 * <p>Layout: magic {@code TDABCKPT}, int32 format version, int32 header length, UTF-8 JSON header
 * (including, per tensor, its group, name and length), the tensors as little-endian float32 in
 * header order, then the 32-byte SHA-256.
 */
public final class Checkpoint {
  static final byte[] MAGIC = "TDABCKPT".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private final Map<String, Object> header;
  private final Map<String, Map<String, float[]>> groups;

  public Checkpoint(Map<String, Object> header, Map<String, Map<String, float[]>> groups) {
    this.header = new LinkedHashMap<>(header);
    this.groups = new LinkedHashMap<>(groups);
  }

  public Map<String, Object> header() {
    return header;
  }

  public Map<String, float[]> group(String name) {
    Map<String, float[]> g = groups.get(name);
    if (g == null) {
      throw new UserError("checkpoint has no group '" + name + "'");
    }
    return g;
  }

  public boolean hasGroup(String name) {
    return groups.containsKey(name);
  }

  public void save(Path file) throws IOException {
    List<Map<String, Object>> index = new ArrayList<>();
    for (var g : groups.entrySet()) {
      for (var t : g.getValue().entrySet()) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("group", g.getKey());
        e.put("name", t.getKey());
        e.put("length", t.getValue().length);
        index.add(e);
      }
    }
    Map<String, Object> h = new LinkedHashMap<>(header);
    h.put("tensors", index);
    byte[] hb = JSON.writeValueAsBytes(h);
    AtomicFiles.writeFile(file, raw -> {
      MessageDigest md = Hashing.sha256();
      OutputStream buffered = new BufferedOutputStream(raw, 1 << 20);
      DataOutputStream out = new DataOutputStream(new DigestOutputStream(buffered, md));
      out.write(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(hb.length);
      out.write(hb);
      for (var g : groups.values()) {
        for (float[] v : g.values()) {
          ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
          b.asFloatBuffer().put(v);
          out.write(b.array());
        }
      }
      out.flush();
      buffered.write(md.digest());
      buffered.flush();
    });
  }

  /** Loads and verifies a checkpoint; any defect is a one-line {@link UserError}. */
  @SuppressWarnings("unchecked")
  public static Checkpoint load(Path file) {
    String what = "checkpoint " + file;
    try (InputStream raw = Files.newInputStream(file)) {
      MessageDigest md = Hashing.sha256();
      DigestInputStream digesting = new DigestInputStream(new java.io.BufferedInputStream(raw, 1 << 20), md);
      DataInputStream in = new DataInputStream(digesting);
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new UserError(what + " is not a tdabench checkpoint (bad magic); delete it and retrain");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new UserError(what + " has format version " + version + ", this build reads " + VERSION
            + "; retrain with this version");
      }
      int hl = in.readInt();
      if (hl <= 0 || hl > (64 << 20)) {
        throw new UserError(what + " is corrupt (header length " + hl + "); delete it and retrain");
      }
      byte[] hb = new byte[hl];
      in.readFully(hb);
      Map<String, Object> h;
      try {
        h = JSON.readValue(hb, Map.class);
      } catch (IOException e) {
        throw new UserError(what + " is corrupt (unreadable header); delete it and retrain");
      }
      List<Map<String, Object>> index = (List<Map<String, Object>>) h.remove("tensors");
      Map<String, Map<String, float[]>> groups = new LinkedHashMap<>();
      for (Map<String, Object> e : index) {
        int len = ((Number) e.get("length")).intValue();
        byte[] bytes = new byte[len * 4];
        in.readFully(bytes);
        float[] v = new float[len];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        groups.computeIfAbsent((String) e.get("group"), k -> new LinkedHashMap<>()).put((String) e.get("name"), v);
      }
      byte[] expected = md.digest();
      digesting.on(false);
      byte[] actual = new byte[32];
      in.readFully(actual);
      if (in.read() != -1) {
        throw new UserError(what + " is corrupt (trailing bytes); delete it and retrain");
      }
      if (!Arrays.equals(expected, actual)) {
        throw new UserError(what + " is corrupt (checksum mismatch); delete it and retrain");
      }
      return new Checkpoint(h, groups);
    } catch (NoSuchFileException e) {
      throw new UserError(what + " does not exist");
    } catch (EOFException e) {
      throw new UserError(what + " is truncated; delete it and retrain");
    } catch (IOException e) {
      throw new UserError(what + " cannot be read: " + e.getMessage());
    }
  }
}
