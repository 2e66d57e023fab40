package dev.dbtstateoss.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code inspect}: reads a store (never writes to it) and shows what it recorded. Without a
 * subcommand, on a terminal, it opens a prompt for the subcommands (see {@link InspectShell}).
 */
@Command(
        name = "inspect",
        description = {"Read a state store: the recorded targets, the history of each, why the newest decision"
                + " about a node was taken, what reuse saved, lag-tolerance recommendations, and what the store holds and retention would remove.",
            "Without a subcommand, on a terminal: an interactive prompt with history and tab completion."},
        subcommands = {InspectTargets.class, InspectHistory.class, InspectWhy.class, InspectDecisions.class, InspectSavings.class,
            InspectRecommend.class, InspectStore.class})
public final class InspectCommand extends Verb implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Mixin OrgOption organization;

    @Override
    public Integer call() throws Exception {
        if (System.console() == null) {
            spec.commandLine().usage(spec.commandLine().getErr());
            return ExitCodes.USAGE;
        }
        try (org.jline.terminal.Terminal terminal = org.jline.terminal.TerminalBuilder.builder().system(true).build()) {
            // The store options as given after "inspect"; each line of the prompt runs with them.
            java.util.List<String> args = spec.commandLine().getParseResult().originalArgs();
            java.util.List<String> storeArgs = args.subList(args.indexOf("inspect") + 1, args.size());
            return new InspectShell(terminal, storeArgs, StoreReading.open(store, organization)).run();
        }
    }
}
