package dev.dbtstateoss.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code replay}: not implemented yet; says so and exits with {@link ExitCodes#NOT_AVAILABLE}. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Re-run recorded traffic (a capture file) against the engine or a server and compare the answers.", "Not available yet in this version."})
public final class ReplayCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        return NotAvailable.report(spec);
    }
}
