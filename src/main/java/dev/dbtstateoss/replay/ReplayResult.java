package dev.dbtstateoss.replay;

import com.google.gson.JsonElement;
import java.util.List;

/** What replaying one line of a capture gave. */
public record ReplayResult(String file, int line, String service, String method, String node, Status status,
        List<Difference> differences, List<String> notes) {
    public enum Status {
        /** Our answer equals the recorded one (volatile ids by shape and consistency). */
        MATCH,
        /** Our answer differs; see the differences. */
        DIFFER,
        /** Not replayed: the line is not a readable call (the note says why). */
        BROKEN,
        /** Not replayed: the service or method is not one of ours. */
        UNKNOWN_METHOD
    }

    /** One field that differs; {@code why} explains a difference that the values alone do not show. */
    public record Difference(String field, JsonElement recorded, JsonElement ours, String why) {}

    public ReplayResult {
        differences = List.copyOf(differences);
        notes = List.copyOf(notes);
    }

    static ReplayResult notReplayed(String file, int line, Status status, String why) {
        return new ReplayResult(file, line, "", "", "", status, List.of(), List.of(why));
    }

    boolean replayed() {
        return status == Status.MATCH || status == Status.DIFFER;
    }
}
