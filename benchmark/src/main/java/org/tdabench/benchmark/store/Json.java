package org.tdabench.benchmark.store;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson configuration for everything the store hashes or writes: object properties and map
 * entries sorted by key, so the same recipe always serialises to the same bytes.
 */
public final class Json {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private Json() {}

  /** The shared mapper (thread-safe once configured). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Canonical compact JSON of {@code value}: converted to plain maps and lists first, so nested
   * objects and records are key-sorted too.
   */
  public static String canonical(Object value) {
    try {
      Object plain = MAPPER.convertValue(value, Object.class);
      return MAPPER.writeValueAsString(plain);
    } catch (Exception e) {
      throw new IllegalArgumentException("value cannot be written as JSON: " + e.getMessage(), e);
    }
  }

  /** Indented, key-sorted JSON for files people read (sidecars, job files). */
  public static String pretty(Object value) {
    try {
      Object plain = MAPPER.convertValue(value, Object.class);
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(plain) + "\n";
    } catch (Exception e) {
      throw new IllegalArgumentException("value cannot be written as JSON: " + e.getMessage(), e);
    }
  }
}
