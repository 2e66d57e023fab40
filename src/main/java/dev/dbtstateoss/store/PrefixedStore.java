package dev.dbtstateoss.store;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One organization's part of a shared store: every key is read and written under
 * {@code orgs/<escaped org>/}, so an organization sees only its own history. Closing it leaves the
 * shared store open (its owner closes that).
 */
public final class PrefixedStore implements StateStore {
    /** Longest organization id accepted (before escaping). */
    public static final int MAX_ORG_LENGTH = 128;
    /** Where the organizations' parts of a shared store begin. */
    public static final String ORGS = "orgs/";

    private final StateStore shared;
    private final String prefix;

    private PrefixedStore(StateStore shared, String prefix) {
        this.shared = shared;
        this.prefix = prefix;
    }

    /** The part of {@code shared} that belongs to organization {@code org}. */
    public static PrefixedStore forOrg(StateStore shared, String org) {
        return new PrefixedStore(shared, ORGS + escapeOrg(org) + "/");
    }

    /**
     * An organization id as one key segment: lower-case letters, digits and '-' stay, every other
     * UTF-8 byte becomes '_' and two hex digits (so "Acme_1" is "_41cme_5f1"); distinct ids never
     * share a segment, and the result never contains '/', '.' or upper case.
     */
    public static String escapeOrg(String org) {
        if (org == null || org.isEmpty() || org.length() > MAX_ORG_LENGTH) {
            throw new IllegalArgumentException("organization id must have 1 to " + MAX_ORG_LENGTH + " characters");
        }
        StringBuilder out = new StringBuilder();
        for (byte b : org.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
                out.append(c);
            } else {
                out.append('_').append(String.format("%02x", b & 0xff));
            }
        }
        return out.toString();
    }

    /** The key prefix of this organization in the shared store. */
    public String prefix() {
        return prefix;
    }

    @Override
    public Optional<Blob> read(String key) {
        return shared.read(prefix + key);
    }

    @Override
    public Optional<byte[]> readValue(String key) {
        return shared.readValue(prefix + key);
    }

    @Override
    public boolean createIfAbsent(String key, byte[] value) {
        return shared.createIfAbsent(prefix + key, value);
    }

    @Override
    public boolean replaceIfVersion(String key, byte[] value, String expectedVersion) {
        return shared.replaceIfVersion(prefix + key, value, expectedVersion);
    }

    @Override
    public Stream<String> list(String keyPrefix) {
        return shared.list(prefix + keyPrefix).map(k -> k.substring(prefix.length()));
    }

    @Override
    public String describe() {
        return shared.describe() + " under " + prefix;
    }
}
