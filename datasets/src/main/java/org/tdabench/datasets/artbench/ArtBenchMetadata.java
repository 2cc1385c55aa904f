package org.tdabench.datasets.artbench;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tdabench.core.UserError;
import org.tdabench.datasets.PrepareContext;
import org.tdabench.datasets.Split;

/**
 * ArtBench-10's metadata CSV ({@code ArtBench-10.csv}, or {@code metadata.csv} beside the image
 * folders), parsed as real CSV (quoted fields may contain commas; the reference split lines naively
 * on "," instead). Columns are found by header name: {@code name}, {@code label} (the style) and
 * {@code split}.
 */
public final class ArtBenchMetadata {
  /**
   * Styles in label order, pinned (alphabetical, the order of the 32x32 CIFAR-style archives)
   * rather than the reference's order of first appearance in the CSV, which depends on row order.
   */
  public static final List<String> STYLES = List.of(
      "art_nouveau", "baroque", "expressionism", "impressionism", "post_impressionism", "realism", "renaissance",
      "romanticism", "surrealism", "ukiyo_e");

  /** One row: the image file name, its style index and split. */
  public record Row(int line, String name, int label, Split split) {}

  private ArtBenchMetadata() {}

  /** Maps a style as written anywhere ("Art Nouveau", "art-nouveau", "art_nouveau") to its label, or -1. */
  public static int styleIndex(String style) {
    String k = style.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    return STYLES.indexOf(k);
  }

  /** Reads every row; malformed content is a {@link UserError} naming the file and line. */
  public static List<Row> read(Path csv) {
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        CSVReader r = new CSVReaderBuilder(in).withCSVParser(new RFC4180ParserBuilder().build()).build()) {
      String[] header = r.readNext();
      if (header == null) {
        throw bad(csv, 1, "it is empty");
      }
      int name = column(header, "name", csv);
      int label = column(header, "label", csv);
      int split = column(header, "split", csv);
      List<Row> rows = new ArrayList<>();
      String[] f;
      int line = 1;
      while ((f = r.readNext()) != null) {
        line++;
        if (f.length == 1 && f[0].isBlank()) {
          continue;
        }
        if (f.length != header.length) {
          throw bad(csv, line, "it has " + f.length + " fields but the header has " + header.length);
        }
        int l = styleIndex(f[label]);
        if (l < 0) {
          throw bad(csv, line, "unknown style '" + f[label] + "' (expected one of " + String.join(", ", STYLES) + ")");
        }
        String s = f[split].strip().toLowerCase(Locale.ROOT);
        if (!s.equals("train") && !s.equals("test")) {
          throw bad(csv, line, "split is '" + f[split] + "', expected train or test");
        }
        if (f[name].isBlank() || f[name].contains("/") || f[name].contains("\\")) {
          throw bad(csv, line, "bad image name '" + f[name] + "'");
        }
        rows.add(new Row(line, f[name].strip(), l, Split.parse(s)));
      }
      if (rows.isEmpty()) {
        throw bad(csv, line, "it has no rows");
      }
      return rows;
    } catch (IOException | CsvException e) {
      throw new UserError("cannot parse the ArtBench metadata " + csv + " (" + UserError.oneLine(e.getMessage())
          + "); fetch ArtBench-10.csv again");
    }
  }

  private static int column(String[] header, String want, Path csv) {
    for (int i = 0; i < header.length; i++) {
      String h = header[i].strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT);
      if (h.equals(want)) {
        return i;
      }
    }
    throw bad(csv, 1, "the header has no '" + want + "' column (it needs name, label and split)");
  }

  private static UserError bad(Path csv, int line, String why) {
    return new UserError("malformed ArtBench metadata " + csv + " at line " + line + ": " + why
        + "; fetch ArtBench-10.csv again or fix the file");
  }
}
