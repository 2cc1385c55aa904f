package org.tdabench.benchmark.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a finished run prints: one line per method, where the files are, and the figures of the
 * closing key=value line.
 */
public record RunSummary(Path leaderboard, Path report, double seconds, List<String> lines, Map<String, Object> keyValues) {}
