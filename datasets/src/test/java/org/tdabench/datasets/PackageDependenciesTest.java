package org.tdabench.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The building blocks of this module depend only on what lies below them, so that arrows between
 * packages run one way: the dataset API ({@code PrepareContext}, the sources) uses the fetch, image
 * and text packages, never the reverse. Checked on the sources (imports and fully qualified names).
 */
class PackageDependenciesTest {
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+);");
  private static final Pattern REFERENCE = Pattern.compile("\\b(org\\.tdabench(?:\\.[a-z]\\w*)+)\\.(?:[A-Z*])");

  /** Package -> the other tdabench packages it may use. */
  private static final Map<String, Set<String>> ALLOWED = Map.of(
      "org.tdabench.core", Set.of(),
      "org.tdabench.datasets.fetch", Set.of("org.tdabench.core"),
      "org.tdabench.datasets.image", Set.of("org.tdabench.core"),
      "org.tdabench.datasets.text", Set.of("org.tdabench.core", "org.tdabench.datasets.prepared"));

  @Test
  void lowerPackagesDoNotReachUp() throws IOException {
    List<String> violations = new ArrayList<>();
    int checked = 0;
    for (Path file : javaFiles()) {
      String src = Files.readString(file);
      Matcher pm = PACKAGE.matcher(src);
      if (!pm.find() || !ALLOWED.containsKey(pm.group(1))) {
        continue;
      }
      String pkg = pm.group(1);
      checked++;
      for (String used : references(src)) {
        if (!used.equals(pkg) && !ALLOWED.get(pkg).contains(used)) {
          violations.add(SOURCES.relativize(file) + " uses " + used);
        }
      }
    }
    assertTrue(checked >= 10, "the scan found the sources (" + checked + " files)");
    assertEquals(List.of(), violations);
  }

  @Test
  void scannerSeesImportsAndQualifiedNames() {
    String src = "package org.tdabench.datasets.fetch;\nimport org.tdabench.datasets.Progress;\n"
        + "class X { String s = org.tdabench.datasets.PrepareContext.oneLine(\"\"); org.tdabench.core.UserError e; }";
    assertEquals(Set.of("org.tdabench.datasets", "org.tdabench.core"), references(src));
  }

  private static Set<String> references(String src) {
    Set<String> out = new TreeSet<>();
    Matcher m = REFERENCE.matcher(src);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static List<Path> javaFiles() throws IOException {
    assertTrue(Files.isDirectory(SOURCES), "run from the module folder: " + SOURCES.toAbsolutePath());
    try (Stream<Path> s = Files.walk(SOURCES)) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }
}
