package org.tdabench.benchmark.report;

import java.nio.file.Path;

/**
 * Where a run's outputs go below the output folder: {@code results/<preset>/} for CSVs and
 * {@code reports/<preset>/} for the HTML report and its charts.
 */
public record OutputLayout(Path out, String preset) {

  public Path resultsFolder() {
    return out.resolve("results").resolve(preset);
  }

  public Path leaderboard(String dataset) {
    return resultsFolder().resolve("leaderboard-" + dataset + ".csv");
  }

  public Path ldsPerTarget(String dataset) {
    return resultsFolder().resolve("lds-per-target-" + dataset + ".csv");
  }

  public Path similaritiesPerImage(String dataset) {
    return resultsFolder().resolve("ablation-per-image-" + dataset + ".csv");
  }

  public Path ldsSummary(String dataset) {
    return resultsFolder().resolve("lds-" + dataset + ".csv");
  }

  public Path ablationStatistics(String dataset) {
    return resultsFolder().resolve("ablation-" + dataset + ".csv");
  }

  public Path overlap(String dataset) {
    return resultsFolder().resolve("ablation-overlap-" + dataset + ".csv");
  }

  public Path reportFolder() {
    return out.resolve("reports").resolve(preset);
  }
}
