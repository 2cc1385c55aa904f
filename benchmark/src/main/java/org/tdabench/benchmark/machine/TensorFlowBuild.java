package org.tdabench.benchmark.machine;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;

/**
 * Which TensorFlow build is on the class path, read from the jars without loading the native
 * library (so that {@code compare} and {@code --version} stay fast): the TensorFlow Java version
 * (1.1.0 embeds TensorFlow 2.18.0) and the native classifier (CPU or GPU build).
 */
public final class TensorFlowBuild {
  private static final List<String> CLASSIFIERS = List.of("linux-x86_64-gpu", "linux-x86_64", "linux-arm64",
      "macosx-arm64", "macosx-x86_64", "windows-x86_64");

  private TensorFlowBuild() {}

  /** e.g. "tensorflow-java 1.1.0 linux-x86_64", or what could not be found. */
  public static String describe() {
    return "tensorflow-java " + version() + " " + classifier();
  }

  static String version() {
    ClassLoader cl = TensorFlowBuild.class.getClassLoader();
    try (InputStream in = cl.getResourceAsStream("META-INF/maven/org.tensorflow/tensorflow-core-api/pom.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "unknown");
      }
    } catch (IOException e) {
      // fall through
    }
    return "unknown";
  }

  /** The native build on the class path ("none" when the native jar is missing). */
  public static String classifier() {
    ClassLoader cl = TensorFlowBuild.class.getClassLoader();
    for (String c : CLASSIFIERS) {
      if (cl.getResource("org/tensorflow/internal/c_api/" + c + "/") != null
          || cl.getResource("org/tensorflow/internal/c_api/" + c + "/LICENSE") != null) {
        return c;
      }
    }
    return "none";
  }
}
