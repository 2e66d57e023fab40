package dev.dbtstateoss.store;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Checks, on a service whose documentation is all we know of it (OneLake), that the store's
 * conditional writes are honoured before any state is written: under {@code <probeDir>/<random>} it
 * creates a key, then expects a second create, a replace and a delete with a wrong version all to be
 * refused, and a replace and a delete with the right versions to succeed (9 requests; the key is
 * gone afterwards). A service that applies a write whose condition does not hold ends in a
 * {@link StateStore.StoreException} naming the condition.
 */
public final class ConditionalWriteProbe {
    private ConditionalWriteProbe() {}

    /** Throws when a condition is not honoured; {@code where} names the service for the message. */
    public static void verify(StateStore store, String probeDir, String where) {
        String key = probeDir + "/" + UUID.randomUUID();
        if (!store.createIfAbsent(key, bytes("first"))) {
            throw refused(where, "a create of a new key (" + key + ") was refused");
        }
        String v1 = store.read(key).orElseThrow(() -> refused(where, "a key just created (" + key + ") reads as absent")).version();
        check(!store.createIfAbsent(key, bytes("second")), where, "If-None-Match: * (create only if absent)", key);
        String wrong = v1.startsWith("\"") ? "\"0x0\"" : "0";
        check(!store.replaceIfVersion(key, bytes("third"), wrong), where, "If-Match on a replace", key);
        check(!store.deleteIfVersion(key, wrong), where, "If-Match on a delete", key);
        if (!store.replaceIfVersion(key, bytes("fourth"), v1)) {
            throw refused(where, "a replace with the current version of " + key + " was refused");
        }
        check(!store.deleteIfVersion(key, v1), where, "If-Match on a delete (a version replaced)", key);
        String v2 = store.read(key).orElseThrow(() -> refused(where, key + " vanished during the check")).version();
        if (!store.deleteIfVersion(key, v2)) {
            throw refused(where, "a delete with the current version of " + key + " was refused");
        }
    }

    private static void check(boolean refusedAsItShould, String where, String condition, String key) {
        if (!refusedAsItShould) {
            throw refused(where, "it applied a write whose condition did not hold (" + condition + ", on " + key
                    + "): several servers could overwrite each other's records here");
        }
    }

    private static StateStore.StoreException refused(String where, String what) {
        return new StateStore.StoreException("conditional writes are not honoured by " + where + ": " + what, null);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
