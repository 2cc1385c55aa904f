package org.tdabench.benchmark.exec;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tdabench.benchmark.store.ArtifactStore;
import org.tdabench.benchmark.store.Json;
import org.tdabench.core.AtomicFiles;
import org.tdabench.core.UserError;

/**
 * Job descriptions in the store, one file {@code <store>/jobs/<id>.json} per job, and the last attempt
 * at each ({@code <store>/jobs/status/<id>.json}, see {@link JobStatus}).
 */
public final class JobStore {
  private final ArtifactStore store;

  public JobStore(ArtifactStore store) {
    this.store = store;
  }

  public ArtifactStore store() {
    return store;
  }

  /** The file of job {@code id}. */
  public Path fileOf(String id) {
    return store.jobsFolder().resolve(id + ".json");
  }

  /** True when a description of job {@code id} is in this store. */
  public boolean contains(String id) {
    return Files.isRegularFile(fileOf(id));
  }

  /**
   * Writes a job description atomically unless this store already holds one of the same id. Ids name
   * their work ({@link Job#addressed}), so an existing description is kept as it is (nothing is
   * rewritten, which also lets a read-only store be planned against twice); one that describes other
   * work under the same id is never replaced.
   *
   * @throws IllegalStateException if the stored job of this id does other work
   */
  public void save(Job job) throws IOException {
    if (contains(job.id())) {
      Job old = load(job.id());
      if (!old.sameWork(job)) {
        throw new IllegalStateException("store " + store.root() + " already holds a different job '" + job.id()
            + "' (" + fileOf(job.id()) + "); job ids must name their work");
      }
      return;
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("id", job.id());
    doc.put("kind", job.kind());
    doc.put("recipe", job.recipe());
    doc.put("depends_on", job.dependsOn());
    AtomicFiles.writeBytes(fileOf(job.id()), Json.pretty(doc).getBytes(StandardCharsets.UTF_8));
  }

  /** Reads job {@code id}; a one-line {@link UserError} if it is missing or unreadable. */
  public Job load(String id) {
    Path f = fileOf(id);
    if (!Files.isRegularFile(f)) {
      throw new UserError("no job '" + id + "' in store " + store.root() + ": it was planned in another store "
          + "(the wave scripts name the planned one) or not at all; check the id and --store");
    }
    try {
      JsonNode n = Json.mapper().readTree(f.toFile());
      @SuppressWarnings("unchecked")
      Map<String, Object> recipe = Json.mapper().convertValue(n.required("recipe"), Map.class);
      List<String> deps = new ArrayList<>();
      for (JsonNode d : n.path("depends_on")) {
        deps.add(d.asText());
      }
      Job job = new Job(n.required("id").asText(), n.required("kind").asText(), recipe, deps);
      if (!job.id().equals(id)) {
        throw new IllegalArgumentException("file names job '" + job.id() + "'");
      }
      return job;
    } catch (IOException | IllegalArgumentException e) {
      String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      throw new UserError("job file " + f + " is unreadable (" + why + "): plan the jobs again");
    }
  }

  /** Where the last attempt at job {@code id} is recorded. */
  public Path statusFileOf(String id) {
    return store.jobsFolder().resolve("status").resolve(id + ".json");
  }

  /** Records an attempt at job {@code id} (atomically; replaces the previous record). */
  public void writeStatus(String id, JobStatus status) throws IOException {
    AtomicFiles.writeBytes(statusFileOf(id), Json.pretty(status.toJson()).getBytes(StandardCharsets.UTF_8));
  }

  /** The last recorded attempt at job {@code id}, if any (an unreadable record counts as none). */
  public java.util.Optional<JobStatus> status(String id) {
    Path f = statusFileOf(id);
    if (!Files.isRegularFile(f)) {
      return java.util.Optional.empty();
    }
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = Json.mapper().readValue(f.toFile(), Map.class);
      return java.util.Optional.of(JobStatus.fromJson(m));
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }
}
