package dev.dbtstateoss.cli;

import dev.dbtstateoss.store.PrefixedStore;
import dev.dbtstateoss.store.StateStore;
import picocli.CommandLine.Option;

/** {@code --org}: look at one organization's part of a store (as kept by {@code serve} with token auth). */
public final class OrgOption {
    @Option(names = "--org", paramLabel = "ORG",
            description = "Use the state of organization ORG (kept under orgs/<ORG>/ by serve with token auth)"
                    + " instead of the store's root.")
    String org;

    /** {@code store} itself, or the organization's part of it. */
    StateStore scope(StateStore store) {
        if (org == null) {
            return store;
        }
        try {
            return PrefixedStore.forOrg(store, org);
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.UserInputException("--org " + org + ": " + e.getMessage());
        }
    }
}
