package org.tdabench.benchmark.cli;

import java.util.List;

/** Every sub-command of {@code tdabench}, in the order {@code --help} lists them. */
final class Commands {
  private Commands() {}

  static List<Object> all() {
    return List.of(new RunCommand(), new StageCommands.Train(), new StageCommands.Generate(),
        new StageCommands.Attribute(), new StageCommands.Lds(), new StageCommands.Ablate(), new StageCommands.Report(),
        new SlurmCommand(), new ExportCommand(), new ExportWeightsCommand(), new MethodsCommand(), new FetchCommand(), new PrepareCommand(), new ModelInfoCommand(),
        new BenchCommand(),
        new CompareCommand(), new BaselineCommand(), new StoreCommand(), new JobCommand(), new DoctorCommand());
  }
}
