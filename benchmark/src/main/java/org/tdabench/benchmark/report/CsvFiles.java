package org.tdabench.benchmark.report;

import com.opencsv.CSVReader;
import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;
import com.opencsv.exceptions.CsvException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tdabench.core.AtomicFiles;
import org.tdabench.core.UserError;

/** CSV files through OpenCSV: written atomically with "\n" line ends, read with a clear error. */
public final class CsvFiles {
  private CsvFiles() {}

  /** Writes a header and rows atomically (UTF-8, RFC 4180 quoting where needed). */
  public static void write(Path file, List<String> header, List<List<String>> rows) throws IOException {
    AtomicFiles.writeFile(file, out -> {
      Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      ICSVWriter csv = new CSVWriterBuilder(w).withLineEnd("\n").build();
      csv.writeNext(header.toArray(String[]::new), false);
      for (List<String> r : rows) {
        if (r.size() != header.size()) {
          throw new IllegalArgumentException("row has " + r.size() + " cells for " + header.size() + " columns");
        }
        csv.writeNext(r.toArray(String[]::new), false);
      }
      csv.flush();
      if (csv.checkError()) {
        throw new IOException("writing " + file + " failed");
      }
    });
  }

  /**
   * Reads every line (header first). A missing file, unreadable CSV or ragged row is a one-line
   * {@link UserError} naming the file.
   */
  public static List<String[]> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UserError("missing CSV file " + file + ": check the folder or rerun the stage that writes it");
    }
    List<String[]> lines;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVReader csv = new CSVReader(r)) {
      lines = csv.readAll();
    } catch (IOException | CsvException | RuntimeException e) {
      String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      throw new UserError("malformed CSV " + file + " (" + why + "): regenerate it");
    }
    if (lines.isEmpty()) {
      throw new UserError("empty CSV " + file + ": regenerate it");
    }
    int width = lines.get(0).length;
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).length != width) {
        throw new UserError("malformed CSV " + file + ": line " + (i + 1) + " has " + lines.get(i).length
            + " cells, the header has " + width + "; regenerate it");
      }
    }
    return lines;
  }
}
