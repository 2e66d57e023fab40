package dev.dbtstateoss.history;

import dev.dbtstateoss.engine.Explanation;

/**
 * What the store keeps about the decisions on one target: the explanation of the newest, and how
 * many decisions of each kind there were.
 */
public record ExplainedTarget(Explanation latest, long skips, long executes, long clones) {

    ExplainedTarget plus(Explanation newer, long moreSkips, long moreExecutes, long moreClones) {
        Explanation keep = latest == null || newer.atMs() >= latest.atMs() ? newer : latest;
        return new ExplainedTarget(keep, skips + moreSkips, executes + moreExecutes, clones + moreClones);
    }
}
