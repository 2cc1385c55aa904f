package org.tdabench.benchmark.machine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * What TensorFlow's CPU kernels can see of the processor: vendor, family, model, stepping, the
 * instruction-set flags that oneDNN (whose JIT sgemm also runs inside TensorFlow's Eigen
 * contractions) dispatches on, and the cache sizes its blocking heuristics read. Two machines with
 * equal {@code CpuInfo} run the same kernels with the same blocking.
 *
 * @param vendor e.g. "AuthenticAMD", "GenuineIntel"
 * @param family CPU family (decimal, as /proc/cpuinfo prints it)
 * @param model CPU model number
 * @param stepping stepping
 * @param modelName the marketing name (not part of the identity: virtual machines often hide it)
 * @param isa the dispatch-relevant instruction-set flags present, sorted
 * @param caches cache level -> size in bytes (L1d, L2, L3), as glibc reports them from CPUID
 */
public record CpuInfo(String vendor, String family, String model, String stepping, String modelName,
    List<String> isa, Map<String, Long> caches) {

  /**
   * Flags oneDNN's and Eigen's CPU dispatch distinguishes for fp32/bf16 work (sse41 up to the
   * AVX-512 and AMX families); other flags (aes, rdrand, ...) never change a float result.
   */
  public static final Set<String> DISPATCH_FLAGS = Set.of("sse4_1", "sse4_2", "avx", "avx2", "fma", "f16c",
      "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl", "avx512_vnni", "avx512_bf16", "avx512_fp16",
      "avx512ifma", "avx512vbmi", "avx_vnni", "amx_tile", "amx_int8", "amx_bf16", "amx_fp16", "avx10");

  public CpuInfo {
    isa = List.copyOf(isa);
    caches = Map.copyOf(caches);
  }

  private static final Map<String, String> GETCONF_NAMES = Map.of("LEVEL1_DCACHE_SIZE", "L1d",
      "LEVEL2_CACHE_SIZE", "L2", "LEVEL3_CACHE_SIZE", "L3", "LEVEL4_CACHE_SIZE", "L4");

  private static volatile CpuInfo current;

  /** This machine's processor (read once per process). */
  public static CpuInfo current() {
    CpuInfo c = current;
    if (c == null) {
      c = read(Path.of("/proc/cpuinfo"));
      current = c;
    }
    return c;
  }

  /** Whether the processor has every flag of {@code flags}. */
  public boolean has(String... flags) {
    return isa.containsAll(Arrays.asList(flags));
  }

  static CpuInfo read(Path cpuinfo) {
    Map<String, String> first = new LinkedHashMap<>();
    if (Files.isReadable(cpuinfo)) {
      try {
        for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
          if (line.isBlank() && !first.isEmpty()) {
            break; // the first processor describes them all
          }
          int colon = line.indexOf(':');
          if (colon > 0) {
            first.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
          }
        }
      } catch (IOException e) {
        // an unreadable cpuinfo leaves the fields unknown
      }
    }
    return parse(first, caches(first));
  }

  static CpuInfo parse(Map<String, String> fields, Map<String, Long> caches) {
    Set<String> isa = new TreeSet<>();
    for (String f : fields.getOrDefault("flags", "").split("\\s+")) {
      if (DISPATCH_FLAGS.contains(f)) {
        isa.add(f);
      }
    }
    return new CpuInfo(fields.getOrDefault("vendor_id", System.getProperty("os.arch")),
        fields.getOrDefault("cpu family", "?"), fields.getOrDefault("model", "?"),
        fields.getOrDefault("stepping", "?"), fields.getOrDefault("model name", "?"), new ArrayList<>(isa), caches);
  }

  /** Cache sizes from glibc's CPUID view ({@code getconf}), else the one size /proc/cpuinfo states. */
  private static Map<String, Long> caches(Map<String, String> fields) {
    Map<String, Long> out = new LinkedHashMap<>();
    try {
      Process p = new ProcessBuilder("getconf", "-a").redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
        for (String line : text.split("\n")) {
          String[] kv = line.trim().split("\\s+");
          String level = kv.length == 2 ? GETCONF_NAMES.get(kv[0]) : null;
          if (level != null && kv[1].matches("\\d+")) {
            out.put(level, Long.parseLong(kv[1]));
          }
        }
      }
    } catch (IOException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
    if (out.isEmpty() && fields.containsKey("cache size")) {
      String[] v = fields.get("cache size").split("\\s+");
      if (v.length >= 1 && v[0].matches("\\d+")) {
        out.put("cpuinfo", Long.parseLong(v[0]) * (v.length > 1 && v[1].equalsIgnoreCase("KB") ? 1024 : 1));
      }
    }
    return out;
  }

  /** One line for people: "AuthenticAMD family 26 model 2 stepping 1 (AMD EPYC), avx2 avx512f ...". */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(vendor).append(" family ").append(family).append(" model ").append(model).append(" stepping ")
        .append(stepping).append(" (").append(modelName).append("), ").append(String.join(" ", isa));
    if (!caches.isEmpty()) {
      sb.append(", caches");
      new java.util.TreeMap<>(caches).forEach((k, v) -> sb.append(' ').append(k).append('=').append(v / 1024).append("K"));
    }
    return sb.toString();
  }
}
