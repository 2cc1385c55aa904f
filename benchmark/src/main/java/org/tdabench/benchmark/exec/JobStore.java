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

/** Job descriptions in the store, one file {@code <store>/jobs/<id>.json} per job. */
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

  /** Writes (or replaces) a job description atomically. */
  public void save(Job job) throws IOException {
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
      throw new UserError("no job '" + id + "' in store " + store.root() + ": check the id and --cache");
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
}
