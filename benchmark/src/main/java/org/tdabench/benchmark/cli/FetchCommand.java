package org.tdabench.benchmark.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tdabench.datasets.CacheLayout;
import org.tdabench.datasets.DatasetRegistry;
import org.tdabench.datasets.Datasets;
import org.tdabench.datasets.PrepareOptions;
import org.tdabench.datasets.fetch.VerifiedFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tdabench fetch DATASET}: download (with resume) and verify a dataset's source files. */
@Command(name = "fetch", mixinStandardHelpOptions = true,
    description = {"Download a dataset's source archives into the cache with resume, retries and checksum"
        + " verification, or verify and link copies you already have (--from).",
        "Datasets: cifar10, artbench10, coco, fashion-mnist (procedural needs nothing).",
        "The last line of output is the download folder."})
public final class FetchCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "DATASET", description = "Dataset name.")
  String dataset;

  @Mixin
  PrepareCommand.SourceOptions source = new PrepareCommand.SourceOptions();

  @Override
  public Integer call() {
    String name = DatasetRegistry.get(dataset).name();
    PrepareOptions o = source.apply(PrepareOptions.defaults());
    List<VerifiedFile> files = Datasets.fetch(name, o);
    if (files.isEmpty()) {
      System.out.println(name + " is generated; there is nothing to fetch (run `tdabench prepare " + name + "`)");
    }
    for (VerifiedFile f : files) {
      System.out.printf(Locale.ROOT, "%s  %s  %s%n", f.fileName(), f.sha256() == null ? "-" : f.sha256(),
          f.verifiedAgainst());
    }
    System.out.println(CacheLayout.resolve(o.cache()).downloads(name));
    return 0;
  }
}
