package dev.dbtstateoss.engine;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The lineage of a node's inputs as the store knows it: each input's latest confirmed run, and
 * whether a newer decision to build it is still unconfirmed (its content is then unknown).
 */
final class Lineages {
    private final History history;
    private final Ids ids;
    private final Consumer<String> warnings;

    Lineages(History history, Ids ids, Consumer<String> warnings) {
        this.history = history;
        this.ids = ids;
        this.warnings = warnings;
    }

    /** One or two reads per input; an unreadable input gets a value that matches nothing. */
    Map<String, String> of(String namespace, Set<String> inputs) {
        Map<String, String> out = new TreeMap<>();
        for (String input : inputs) {
            try {
                String key = Keys.target(namespace, input);
                Optional<RunRecord> latest = history.latest(key);
                String confirmed = latest.map(RunRecord::lineage).orElse("");
                Optional<String> decided = history.lastDecided(key);
                boolean pendingBuild = decided.isPresent()
                        && !decided.get().equals(latest.map(RunRecord::requestId).orElse(""));
                out.put(input, pendingBuild ? confirmed + " then decision " + decided.get() : confirmed);
            } catch (RuntimeException e) {
                warnings.accept("store read failed for input " + input + ": " + e.getMessage());
                out.put(input, "unreadable " + ids.next());
            }
        }
        return out;
    }
}
