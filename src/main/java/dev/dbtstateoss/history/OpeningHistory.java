package dev.dbtstateoss.history;

import dev.dbtstateoss.engine.History;
import dev.dbtstateoss.engine.RunRecord;
import dev.dbtstateoss.store.AtomicBatches;
import dev.dbtstateoss.store.StateStore;
import java.util.Optional;

/**
 * A {@link StoreHistory} opened on its first call instead of when it is built. Opening reads the
 * format marker (and writes it into an empty store): a store call like any other, so made where the
 * other calls are made, inside {@link TimeLimitedHistory}'s bound, and a hung store makes the first
 * decision of an organization EXECUTE within the store timeout instead of holding the call (and the
 * organization) until the store answers. An open that fails (HistoryException, the engine answers
 * EXECUTE) is tried again on the next call; a call waits for an open in progress.
 */
public final class OpeningHistory implements History {
    private final StateStore store;
    private volatile StoreHistory opened;

    /** Opens on the first call. */
    public OpeningHistory(StateStore store) {
        this.store = store;
    }

    /** Opens now (StoreException when the store cannot be opened or holds another format): for a server's one history at start. */
    public static OpeningHistory openNow(StateStore store) {
        OpeningHistory h = new OpeningHistory(store);
        h.opened = new StoreHistory(store);
        return h;
    }

    /** Whether the writes of one event are committed together (as {@link StoreHistory#batched()}). */
    public boolean batched() {
        return store instanceof AtomicBatches;
    }

    /** Whether the history is open (the store holds this format): nothing else, retention above all, should change the store before. */
    public boolean isOpen() {
        return opened != null;
    }

    /** The explanations part of the store (needs no open). */
    public ExplanationStore explanations() {
        return new ExplanationStore(store);
    }

    private StoreHistory history() {
        StoreHistory h = opened;
        if (h != null) {
            return h;
        }
        synchronized (this) {
            if (opened == null) {
                try {
                    opened = new StoreHistory(store);
                } catch (StateStore.StoreException e) {
                    throw new HistoryException("the history in " + store.describe() + " cannot be opened: " + e.getMessage(), e);
                }
            }
            return opened;
        }
    }

    @Override
    public Optional<RunRecord> latest(String targetKey) {
        return history().latest(targetKey);
    }

    @Override
    public void savePending(RunRecord pending) {
        history().savePending(pending);
    }

    @Override
    public Optional<RunRecord> pending(String requestId) {
        return history().pending(requestId);
    }

    @Override
    public boolean recordConfirmed(RunRecord confirmed) {
        return history().recordConfirmed(confirmed);
    }

    @Override
    public boolean matchedBefore(String targetKey, String matchKey) {
        return history().matchedBefore(targetKey, matchKey);
    }

    @Override
    public Optional<RunRecord> cloneSource(String cloneKey) {
        return history().cloneSource(cloneKey);
    }

    @Override
    public boolean recordTargetModified(RunRecord run, long lastModifiedMs) {
        return history().recordTargetModified(run, lastModifiedMs);
    }

    @Override
    public Optional<RunRecord> before(String targetKey, String requestId) {
        return history().before(targetKey, requestId);
    }

    @Override
    public void recordOutcomeOnly(RunRecord confirmed) {
        history().recordOutcomeOnly(confirmed);
    }

    @Override
    public void noteDecided(String targetKey, String requestId) {
        history().noteDecided(targetKey, requestId);
    }

    @Override
    public void saveDecision(RunRecord pending) {
        history().saveDecision(pending);
    }

    @Override
    public Optional<String> lastDecided(String targetKey) {
        return history().lastDecided(targetKey);
    }
}
