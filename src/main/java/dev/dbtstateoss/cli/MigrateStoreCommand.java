package dev.dbtstateoss.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code migrate-store}: not implemented yet; says so and exits with {@link ExitCodes#NOT_AVAILABLE}. */
@Command(
        name = "migrate-store",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Copy all history and in-flight state from one store backend to another.", "Not available yet in this version."})
public final class MigrateStoreCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        return NotAvailable.report(spec);
    }
}
