package dev.dbtstateoss.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** For WeakSignalModelTest, a relation of its simulated warehouse: a source (rows with their commit times) or a model's table (all rows of one build). */
final class SimulatedRelation {
    boolean exists = true;
    List<Long> rows = new ArrayList<>();
    long lastAltered;
    int columns;
    /** Models: the commit time of the rows their build wrote. */
    long builtTs;
    /** Models: the build the content came from (null if written by someone else), and when it was decided. */
    Map<String, Object> builtFrom;
    int content;
    long decidedAt;

    SimulatedRelation copy() {
        SimulatedRelation c = new SimulatedRelation();
        c.exists = exists;
        c.rows = new ArrayList<>(rows);
        c.lastAltered = lastAltered;
        c.columns = columns;
        c.builtTs = builtTs;
        c.builtFrom = builtFrom;
        c.content = content;
        c.decidedAt = decidedAt;
        return c;
    }
}
