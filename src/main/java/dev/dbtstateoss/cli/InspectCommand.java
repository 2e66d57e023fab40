package dev.dbtstateoss.cli;

import dev.dbtstateoss.store.PrefixedStore;
import dev.dbtstateoss.store.StateStore;
import dev.dbtstateoss.history.StoreHistory;
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
            return new InspectShell(terminal, storeArgs, open(store, organization)).run();
        }
    }

    /** Opens the store for reading; a failure is reported naming the store option. */
    static StoreHistory open(StoreOptions store) {
        return open(store, new OrgOption());
    }

    /**
     * As above, limited to one organization's part of the store when --org is given. Nothing is
     * written; a store (or organization) that holds no state is an error that says where to look.
     */
    static StoreHistory open(StoreOptions store, OrgOption org) {
        StateStore whole = null;
        try {
            whole = store.spec().openForReading();
            return StoreHistory.forReading(org.scope(whole));
        } catch (StateStore.StoreException e) {
            throw new ExitCodes.UserInputException("--store: " + e.getMessage() + hint(whole, org));
        }
    }

    /** Where to look when the store holds no state (for other failures the message says enough). */
    private static String hint(StateStore whole, OrgOption org) {
        try {
            if (whole == null || org.scope(whole).readValue("format").isPresent()) {
                return "";
            }
        } catch (StateStore.StoreException e) {
            return "";
        }
        if (org.org != null) {
            return "; no server has kept state for organization '" + org.org + "' there";
        }
        try (java.util.stream.Stream<String> orgs = whole.list(PrefixedStore.ORGS)) {
            if (orgs.findAny().isPresent()) {
                return "; it holds the state of organizations (serve with token auth): pass --org ORG";
            }
        } catch (StateStore.StoreException ignored) {
            // the first error says enough
        }
        return "; check the store settings (--store, --dir, --bucket, --container, --prefix)";
    }
}
