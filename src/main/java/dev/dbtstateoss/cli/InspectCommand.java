package dev.dbtstateoss.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code inspect}: not implemented yet; says so and exits with {@link ExitCodes#NOT_AVAILABLE}. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Read a state store: recorded targets, their history, and why a node was or was not skipped.", "Not available yet in this version."})
public final class InspectCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        return NotAvailable.report(spec);
    }
}
