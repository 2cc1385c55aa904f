package org.tdabench.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tdabench.datasets.fetch.RemoteFile;
import org.tdabench.datasets.fetch.VerifiedFile;
import org.tdabench.datasets.prepared.PreparedWriter;

/**
 * One dataset: what to download, and how to turn the verified downloads into the canonical
 * prepared format. Implementations are stateless; everything a run needs is in the
 * {@link PrepareContext}.
 */
public interface DatasetSource {

  /** Registry name, e.g. "cifar10". */
  String name();

  /** One line for {@code --help} and the manifest. */
  String description();

  /** The source forms this dataset can be read from; the first is the default. */
  List<String> variants();

  /** The files {@code tdabench fetch} downloads for {@code variant} (empty for generated data). */
  List<RemoteFile> remoteFiles(String variant);

  /** Folders searched for the source files before downloading (e.g. a Debian package's folder). */
  default List<Path> localCandidates() {
    return List.of();
  }

  /**
   * True when {@code dir} (given with {@code --from}) is an already extracted copy of archive
   * {@code f}, e.g. an ImageFolder tree with train/ and test/ subfolders.
   */
  default boolean looksExtracted(RemoteFile f, Path dir) {
    return false;
  }

  /**
   * The variant to read: the explicit option if given, else one inferred cheaply (from
   * {@code --from} or what the download cache holds), else the default.
   */
  default String variant(PrepareContext ctx) {
    return ctx.explicitVariant(this).orElse(variants().get(0));
  }

  /**
   * Downloads (or adopts from {@code --from}) and verifies every source file of the chosen variant.
   * An extracted folder given with {@code --from} stands in for its archive (it is checked when
   * prepared).
   */
  default List<VerifiedFile> fetch(PrepareContext ctx) throws IOException {
    List<VerifiedFile> out = new ArrayList<>();
    for (RemoteFile f : remoteFiles(variant(ctx))) {
      Optional<Path> extracted = f.extractedName() == null || ctx.present(f) ? Optional.empty()
          : ctx.findExtracted(f, p -> looksExtracted(f, p));
      if (extracted.isPresent()) {
        out.add(new VerifiedFile(f.fileName(), extracted.get(), -1, null, null,
            "extracted folder (checked when prepared)", f.provenance(), extracted.get().toString()));
      } else {
        out.add(ctx.require(f));
      }
    }
    return out;
  }

  /**
   * Everything that determines the prepared output (the prepared folder's name is derived from
   * it). Must be cheap: it runs even when the prepared folder already exists.
   */
  PreparedWriter.Spec spec(PrepareContext ctx) throws IOException;

  /** Reads the verified sources and writes every sample (train first, then test). */
  void write(PrepareContext ctx, PreparedWriter out) throws IOException;
}
