package dev.dbtstateoss.history;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The last decoded run document of each recently read key, reused while the document's bytes stay
 * the same: a target asked about again and again is parsed once per change, not once per question.
 * The bytes are compared in full, so a changed document is always decoded afresh (bounded; the
 * least recently read keys are dropped).
 */
final class DecodedRuns {
    /** How many keys are kept: a project's targets, at a few KB each. */
    static final int KEYS = 2_048;

    private record Entry(byte[] value, RunJson.Decoded decoded) {}

    private final Map<String, Entry> byKey = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > KEYS;
        }
    };

    /** The decoded form of {@code value}, the document stored under {@code key}. */
    RunJson.Decoded decode(String key, byte[] value, Function<byte[], RunJson.Decoded> decoder) {
        synchronized (byKey) {
            Entry e = byKey.get(key);
            if (e != null && Arrays.equals(e.value(), value)) {
                return e.decoded();
            }
        }
        RunJson.Decoded decoded = decoder.apply(value);
        synchronized (byKey) {
            byKey.put(key, new Entry(value, decoded));
        }
        return decoded;
    }
}
