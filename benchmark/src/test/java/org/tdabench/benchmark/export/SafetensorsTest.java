package org.tdabench.benchmark.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

  @Test
  void writesTheFormatAndReadsItBack(@TempDir Path dir) throws Exception {
    Map<String, Safetensors.Tensor> t = new LinkedHashMap<>();
    t.put("b.weight", new Safetensors.Tensor(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}));
    t.put("a.bias", new Safetensors.Tensor(new float[] {-0.5f}, new long[] {1}));
    Path f = dir.resolve("m.safetensors");
    Safetensors.write(f, t, Map.of("format", "pt"));
    byte[] raw = Files.readAllBytes(f);
    long n = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertEquals(0, n % 8, "the header is padded to 8 bytes");
    String header = new String(raw, 8, (int) n, StandardCharsets.UTF_8);
    // Names in order, offsets back to back: a.bias [0, 4), b.weight [4, 28).
    assertEquals(true, header.contains("\"a.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}"), header);
    assertEquals(true, header.contains("\"b.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[4,28]}"),
        header);
    assertEquals(8 + n + 28, raw.length);
    assertEquals(-0.5f, ByteBuffer.wrap(raw, (int) (8 + n), 4).order(ByteOrder.LITTLE_ENDIAN).getFloat());
    Safetensors.Contents c = Safetensors.read(f);
    assertEquals("pt", c.metadata().get("format"));
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, c.tensors().get("b.weight").values());
    assertArrayEquals(new long[] {2, 3}, c.tensors().get("b.weight").shape());
  }
}
