package org.tdabench.benchmark.store;

/** The version string of this tdabench build, recorded in sidecars and the store's format file. */
public final class TdabenchVersion {
  private TdabenchVersion() {}

  /** The jar's Implementation-Version, or "development build" when running from classes. */
  public static String current() {
    String v = TdabenchVersion.class.getPackage().getImplementationVersion();
    return v == null ? "development build" : v;
  }
}
