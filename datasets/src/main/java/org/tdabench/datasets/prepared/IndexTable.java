package org.tdabench.datasets.prepared;

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
import org.tdabench.core.UserError;

/** {@code index.csv} (and {@code captions.csv}) read into columns. */
public final class IndexTable {
  public final long[] id;
  public final byte[] split; // 0 train, 1 test
  public final int[] label;
  public final String[] caption;
  public final String[] source;
  public final int[] duplicateGroup;
  public final int[] height;
  public final int[] width;
  public final long[] offset;
  public final long[] captionStart;
  public final int[] captionCount;

  private IndexTable(int n) {
    id = new long[n];
    split = new byte[n];
    label = new int[n];
    caption = new String[n];
    source = new String[n];
    duplicateGroup = new int[n];
    height = new int[n];
    width = new int[n];
    offset = new long[n];
    captionStart = new long[n];
    captionCount = new int[n];
  }

  public int size() {
    return id.length;
  }

  /** Reads {@code index.csv}, checking the header and the row count. */
  public static IndexTable read(Path file, long expectedRows) {
    List<String[]> rows = readAll(file, PreparedFormat.INDEX_COLUMNS);
    if (rows.size() != expectedRows) {
      throw damaged(file, "it has " + rows.size() + " rows but the manifest says " + expectedRows);
    }
    IndexTable t = new IndexTable(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      String[] r = rows.get(i);
      try {
        t.id[i] = Long.parseLong(r[0]);
        t.split[i] = (byte) ("test".equals(r[1]) ? 1 : 0);
        t.label[i] = Integer.parseInt(r[2]);
        t.caption[i] = r[3];
        t.source[i] = r[4];
        t.duplicateGroup[i] = Integer.parseInt(r[5]);
        t.height[i] = Integer.parseInt(r[6]);
        t.width[i] = Integer.parseInt(r[7]);
        t.offset[i] = Long.parseLong(r[8]);
        t.captionStart[i] = Long.parseLong(r[9]);
        t.captionCount[i] = Integer.parseInt(r[10]);
      } catch (NumberFormatException e) {
        throw damaged(file, "row " + (i + 2) + " has a bad number (" + UserError.oneLine(e.getMessage()) + ")");
      }
    }
    return t;
  }

  /** Reads every caption of {@code captions.csv} (column "caption"), in caption-row order. */
  public static String[] readCaptions(Path file, long expectedRows) {
    List<String[]> rows = readAll(file, PreparedFormat.CAPTION_COLUMNS);
    if (rows.size() != expectedRows) {
      throw damaged(file, "it has " + rows.size() + " rows but the manifest says " + expectedRows);
    }
    String[] out = new String[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = rows.get(i)[4];
    }
    return out;
  }

  private static List<String[]> readAll(Path file, List<String> columns) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVReader csv = new CSVReaderBuilder(in).withCSVParser(new RFC4180ParserBuilder().build()).build()) {
      String[] header = csv.readNext();
      if (header == null || !List.of(header).equals(columns)) {
        throw damaged(file, "its header is not " + String.join(",", columns));
      }
      List<String[]> rows = new ArrayList<>();
      String[] r;
      while ((r = csv.readNext()) != null) {
        if (r.length != columns.size()) {
          throw damaged(file, "line " + (rows.size() + 2) + " has " + r.length + " fields");
        }
        rows.add(r);
      }
      return rows;
    } catch (IOException | CsvException e) {
      throw damaged(file, UserError.oneLine(e.getMessage()));
    }
  }

  private static UserError damaged(Path file, String why) {
    return new UserError(file + " is damaged (" + why + "); delete the prepared folder and run `tdabench prepare` again");
  }
}
