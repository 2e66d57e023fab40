package dev.dbtstateoss.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The keys of the history's documents in a store of format 2 (see {@link StoreHistory} for what each
 * holds). Request ids are UUIDv7: their first 48 bits are the decision's time in milliseconds.
 */
public final class Layout {
    static final Pattern REQUEST_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private Layout() {}

    public static String latestKey(String targetKey) {
        return target(targetKey) + "latest";
    }

    public static String runKey(String requestId) {
        return "runs/" + requestId;
    }

    static String target(String targetKey) {
        return "targets/" + hash(targetKey) + "/";
    }

    static String decidedKey(String targetKey) {
        return target(targetKey) + "decided";
    }

    static String dayKey(String targetKey, String requestId) {
        return target(targetKey) + "days/" + day(requestId);
    }

    static String matchKey(String targetKey, String matchKey) {
        return target(targetKey) + "matches/" + matchKey.substring(0, 32);
    }

    static String cloneIndexKey(String cloneKey) {
        return "clones/" + cloneKey.substring(0, 32);
    }

    /** Where the normalized SQL with this text is kept for runs decided on the day of the request id. */
    static String sqlKey(String requestId, String sql) {
        return "sql/" + day(requestId) + "/" + hash(sql);
    }

    /** The decision time (ms) a UUIDv7 request id carries, or -1 for any other id. */
    public static long timeOf(String requestId) {
        if (requestId == null || !REQUEST_ID.matcher(requestId).matches()) {
            return -1;
        }
        return Long.parseLong(requestId.substring(0, 8) + requestId.substring(9, 13), 16);
    }

    /** The UTC day (yyyyMMdd) of a request id's decision, "00000000" for an id without a time. */
    static String day(String requestId) {
        long ms = timeOf(requestId);
        return ms < 0 ? "00000000" : DAY.format(Instant.ofEpochMilli(ms));
    }

    static String day(Instant at) {
        return DAY.format(at);
    }

    /** The first 128 bits of the SHA-256 of {@code s}, in hex. */
    public static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
