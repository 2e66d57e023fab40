package dev.dbtstateoss.report;

import dev.dbtstateoss.engine.History;
import dev.dbtstateoss.engine.RunRecord;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link History} that hands every newly recorded confirmed run to a listener (the daily figures'
 * time spent) after the store has it; everything else is the delegate's. The listener must not block.
 */
public final class ConfirmedRuns implements History {
    private final History delegate;
    private final Consumer<RunRecord> recorded;

    public ConfirmedRuns(History delegate, Consumer<RunRecord> recorded) {
        this.delegate = delegate;
        this.recorded = recorded;
    }

    @Override
    public boolean recordConfirmed(RunRecord confirmed) {
        boolean created = delegate.recordConfirmed(confirmed);
        if (created) {
            try {
                recorded.accept(confirmed);
            } catch (RuntimeException ignored) {
                // the figures fall short by one build; the run itself is recorded
            }
        }
        return created;
    }

    @Override
    public Optional<RunRecord> latest(String targetKey) {
        return delegate.latest(targetKey);
    }

    @Override
    public void savePending(RunRecord pending) {
        delegate.savePending(pending);
    }

    @Override
    public Optional<RunRecord> pending(String requestId) {
        return delegate.pending(requestId);
    }

    @Override
    public boolean matchedBefore(String targetKey, String matchKey) {
        return delegate.matchedBefore(targetKey, matchKey);
    }

    @Override
    public Optional<RunRecord> cloneSource(String cloneKey) {
        return delegate.cloneSource(cloneKey);
    }

    @Override
    public boolean recordTargetModified(RunRecord run, long lastModifiedMs) {
        return delegate.recordTargetModified(run, lastModifiedMs);
    }

    @Override
    public Optional<RunRecord> before(String targetKey, String requestId) {
        return delegate.before(targetKey, requestId);
    }

    @Override
    public void recordOutcomeOnly(RunRecord confirmed) {
        delegate.recordOutcomeOnly(confirmed);
    }

    @Override
    public void noteDecided(String targetKey, String requestId) {
        delegate.noteDecided(targetKey, requestId);
    }

    @Override
    public void saveDecision(RunRecord pending) {
        delegate.saveDecision(pending);
    }

    @Override
    public Optional<String> lastDecided(String targetKey) {
        return delegate.lastDecided(targetKey);
    }
}
