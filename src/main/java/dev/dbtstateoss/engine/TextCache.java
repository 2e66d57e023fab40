package dev.dbtstateoss.engine;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What was computed from texts (SQL of up to megabytes), kept for the next request with the same
 * text; bounded (past the bound, some entries are dropped) and safe for concurrent use without a
 * lock. A text's key hashes its length and characters sampled across it, not every character: the
 * texts are compared in full when the hashes match, so sharing a hash only costs a comparison.
 */
final class TextCache<V> {
    private static final int SAMPLES = 64;

    private final ConcurrentHashMap<Key, V> entries = new ConcurrentHashMap<>();
    private final int capacity;

    TextCache(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    /** The value for {@code text}: the kept one, or {@code compute}'s (then kept). */
    V get(String text, Function<String, V> compute) {
        Key key = new Key(text);
        V hit = entries.get(key);
        if (hit != null) {
            return hit;
        }
        V value = compute.apply(text);
        if (entries.size() >= capacity) {
            dropSome();
        }
        V raced = entries.putIfAbsent(key, value);
        return raced != null ? raced : value;
    }

    int size() {
        return entries.size();
    }

    /** Drops a tenth of the entries (whichever the map lists first). */
    private void dropSome() {
        Iterator<Key> keys = entries.keySet().iterator();
        for (int i = 0; i < Math.max(1, capacity / 10) && keys.hasNext(); i++) {
            keys.next();
            keys.remove();
        }
    }

    private static final class Key {
        final String text;
        final int hash;

        Key(String text) {
            this.text = text;
            this.hash = sampledHash(text);
        }

        static int sampledHash(String s) {
            int n = s.length();
            int h = n;
            if (n <= 2 * SAMPLES) {
                return s.hashCode();
            }
            for (int i = 0; i < SAMPLES; i++) {
                h = 31 * h + s.charAt((int) ((long) i * n / SAMPLES));
            }
            for (int i = n - 16; i < n; i++) {
                h = 31 * h + s.charAt(i);
            }
            return h;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && k.text.equals(text);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
