package dev.dbtstateoss.history;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dbtstateoss.engine.RunRecord;
import java.nio.charset.StandardCharsets;

/** {@code clones/<c>}: which confirmed run is the newest with a clone key (the run itself is its target's latest). */
record ClonePointer(String requestId, String targetKey, long confirmedAtMs) {

    static ClonePointer of(RunRecord run) {
        return new ClonePointer(run.requestId(), run.targetKey(), run.outcome().confirmedAtMs());
    }

    byte[] encode() {
        JsonObject o = new JsonObject();
        o.addProperty("id", requestId);
        o.addProperty("target", targetKey);
        o.addProperty("at", confirmedAtMs);
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    static ClonePointer decode(byte[] value) {
        try {
            JsonObject o = JsonParser.parseString(new String(value, StandardCharsets.UTF_8)).getAsJsonObject();
            return new ClonePointer(o.get("id").getAsString(), o.get("target").getAsString(), o.get("at").getAsLong());
        } catch (RuntimeException e) {
            throw new dev.dbtstateoss.engine.History.HistoryException("unreadable clone index: " + e.getMessage(), e);
        }
    }

    /** Whether {@code run} should replace this pointer: later confirmation wins, ties go to the later id. */
    boolean olderThan(RunRecord run) {
        long at = run.outcome().confirmedAtMs();
        return at != confirmedAtMs ? at > confirmedAtMs : run.requestId().compareTo(requestId) > 0;
    }
}
