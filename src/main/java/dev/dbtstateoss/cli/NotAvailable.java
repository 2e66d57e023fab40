package dev.dbtstateoss.cli;

import picocli.CommandLine.Model.CommandSpec;

/** The single message of subcommands whose implementation has not landed yet. */
final class NotAvailable {
    private NotAvailable() {}

    static int report(CommandSpec spec) {
        spec.commandLine().getErr().println("dbt-state-oss " + spec.name()
                + ": not available yet in version " + VersionProvider.VERSION + "; see the project's issues for its status.");
        return ExitCodes.NOT_AVAILABLE;
    }
}
