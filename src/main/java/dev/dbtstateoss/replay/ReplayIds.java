package dev.dbtstateoss.replay;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The ids a server makes up (request_id, execution_decision_id, execution_id, session_id): a
 * replayed server issues its own, so they are compared by shape (UUIDv7, other UUID, other text,
 * empty, absent) and by consistency: each recorded id is paired with the first id of ours it met,
 * and must stay paired with that one, and only that one, for the rest of the replay. The pairs also
 * say which of our ids to send where the client sent back a recorded one (a confirmation).
 */
public final class ReplayIds {
    /** Field names holding server-made ids. */
    static final Set<String> VOLATILE = Set.of("request_id", "execution_decision_id", "execution_id", "session_id");

    private static final Pattern UUID_V7 = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
            Pattern.CASE_INSENSITIVE);

    enum Shape {
        ABSENT("no value"),
        EMPTY("an empty string"),
        UUID_V7("a UUIDv7"),
        OTHER_UUID("a UUID that is not v7"),
        OTHER("a non-empty string that is not a UUID");

        final String text;

        Shape(String text) {
            this.text = text;
        }
    }

    private final Map<String, String> oursByRecorded = new HashMap<>();
    private final Map<String, String> recordedByOurs = new HashMap<>();

    static Shape shape(String id) {
        if (id == null) {
            return Shape.ABSENT;
        }
        if (id.isEmpty()) {
            return Shape.EMPTY;
        }
        if (UUID_V7.matcher(id).matches()) {
            return Shape.UUID_V7;
        }
        return UUID.matcher(id).matches() ? Shape.OTHER_UUID : Shape.OTHER;
    }

    /** Our id paired with a recorded one, if the replay has met it. */
    Optional<String> oursFor(String recorded) {
        return Optional.ofNullable(oursByRecorded.get(recorded));
    }

    /** Checks a recorded id against ours and pairs them; null when they fit, else why not. */
    String check(String recorded, String ours) {
        Shape r = shape(recorded);
        Shape o = shape(ours);
        if (r != o) {
            return "recorded " + r.text + ", ours is " + o.text;
        }
        if (r == Shape.ABSENT || r == Shape.EMPTY) {
            return null;
        }
        String paired = oursByRecorded.get(recorded);
        if (paired != null && !paired.equals(ours)) {
            return "this recorded id was answered by our id " + paired + " earlier";
        }
        String pairedBack = recordedByOurs.get(ours);
        if (pairedBack != null && !pairedBack.equals(recorded)) {
            return "our id already stands for the recorded id " + pairedBack;
        }
        oursByRecorded.put(recorded, ours);
        recordedByOurs.put(ours, recorded);
        return null;
    }
}
