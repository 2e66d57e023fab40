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
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM").withZone(ZoneOffset.UTC);

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

    static String weekKey(String targetKey, String requestId) {
        return target(targetKey) + "weeks/" + week(requestId);
    }

    static String matchKey(String targetKey, String matchKey) {
        return target(targetKey) + "matches/" + matchKey.substring(0, 32);
    }

    static String cloneIndexKey(String cloneKey) {
        return "clones/" + cloneKey.substring(0, 32);
    }

    /** Where the normalized SQL with this text is kept for runs decided in the month (UTC) of the request id. */
    static String sqlKey(String requestId, String sql) {
        return "sql/" + month(timeOf(requestId)) + "/" + hash(sql);
    }

    /** The decision time (ms) a UUIDv7 request id carries, or -1 for any other id. */
    public static long timeOf(String requestId) {
        if (requestId == null || !REQUEST_ID.matcher(requestId).matches()) {
            return -1;
        }
        return Long.parseLong(requestId.substring(0, 8) + requestId.substring(9, 13), 16);
    }

    /** The week of a request id's decision: days since 1970-01-01 (UTC) divided by 7, as 5 digits ("00000" without a time). */
    static String week(String requestId) {
        return week(Math.max(0, timeOf(requestId)));
    }

    static String week(long epochMs) {
        return String.format(java.util.Locale.ROOT, "%05d", Math.floorDiv(epochMs, 86_400_000L) / 7);
    }

    /** The UTC month (yyyyMM) of a time. */
    static String month(long epochMs) {
        return MONTH.format(Instant.ofEpochMilli(Math.max(0, epochMs)));
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
