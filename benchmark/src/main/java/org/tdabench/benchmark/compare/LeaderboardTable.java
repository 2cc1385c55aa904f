package org.tdabench.benchmark.compare;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tdabench.benchmark.report.CsvFiles;
import org.tdabench.core.UserError;

/**
 * A parsed {@code leaderboard-*.csv}: its header and one row (column -> cell text) per method. A
 * malformed file is a one-line {@link UserError}.
 */
record LeaderboardTable(Path file, List<String> header, Map<String, Map<String, String>> rows) {

  static LeaderboardTable read(Path file) {
    List<String[]> lines = CsvFiles.read(file);
    if (lines.isEmpty()) {
      throw new UserError("malformed leaderboard " + file + ": it is empty");
    }
    List<String> header = Arrays.asList(lines.get(0));
    if (!header.contains("method")) {
      throw new UserError("malformed leaderboard " + file + ": no 'method' column");
    }
    if (new TreeSet<>(header).size() != header.size()) {
      throw new UserError("malformed leaderboard " + file + ": repeated column names");
    }
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i);
      if (cells.length != header.size()) {
        throw new UserError("malformed leaderboard " + file + ": line " + (i + 1) + " has " + cells.length
            + " cells, the header " + header.size());
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < header.size(); c++) {
        row.put(header.get(c), cells[c]);
      }
      if (rows.put(row.get("method"), row) != null) {
        throw new UserError("malformed leaderboard " + file + ": method '" + row.get("method") + "' appears twice");
      }
    }
    return new LeaderboardTable(file, header, rows);
  }

  /** The number in a cell; a malformed cell is a one-line {@link UserError}. */
  double number(String method, String column) {
    String v = rows.get(method).get(column);
    try {
      double d = Double.parseDouble(v);
      if (Double.isNaN(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException | NullPointerException e) {
      throw new UserError(file.getFileName() + ": " + method + " " + column + " is not a number ('" + v
          + "'): the CSV is malformed");
    }
  }
}
