package org.tdabench.benchmark.cli;

import java.util.concurrent.Callable;
import org.tdabench.methods.api.AttributionMethod;
import org.tdabench.methods.api.MethodOptions;
import org.tdabench.methods.api.Methods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tdabench methods}: the installed attribution methods. */
@Command(name = "methods", mixinStandardHelpOptions = true,
    description = "List the installed attribution methods (found with ServiceLoader).")
public final class MethodsCommand implements Callable<Integer> {
  @Option(names = "--options", description = "Also list every method's options and defaults.")
  boolean options;

  @Override
  public Integer call() {
    for (AttributionMethod m : Methods.installed()) {
      System.out.printf("%-16s %s%n", m.name(), m.description());
      if (options) {
        for (MethodOptions.Option o : m.options().options().values()) {
          System.out.printf("    %s.%s = %s  (%s)%n", m.name(), o.key(), o.defaultValue(), o.description());
        }
      }
    }
    return 0;
  }
}
