package dev.dbtstateoss.cli;

import dev.dbtstateoss.store.StateStore;
import dev.dbtstateoss.store.StoreHistory;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code inspect}: reads a store (never writes to it) and shows what it recorded. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Read a state store: the recorded targets, the history of each, and why the newest decision"
                + " about a node was taken."},
        subcommands = {InspectTargets.class, InspectHistory.class, InspectWhy.class, InspectDecisions.class})
public final class InspectCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** Opens the store for reading; a failure is reported naming the store option. */
    static StoreHistory open(StoreOptions store) {
        try {
            return new StoreHistory(store.open());
        } catch (StateStore.StoreException e) {
            throw new ExitCodes.UserInputException("--store: " + e.getMessage());
        }
    }
}
