package dev.dbtstateoss.cli;

import dev.dbtstateoss.history.StoreFormat;
import dev.dbtstateoss.history.StoreHistory;
import dev.dbtstateoss.store.PrefixedStore;
import dev.dbtstateoss.store.StateStore;

/**
 * Opening a store to read its history, shared by the verbs that only read ({@code inspect} and its
 * subcommands, {@code fingerprint --target}), so that no verb calls another.
 */
final class StoreReading {
    private StoreReading() {}

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
            if (whole == null || org.scope(whole).readValue(StoreFormat.KEY).isPresent()) {
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
