package dev.dbtstateoss.migration;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dbtstateoss.engine.ExecutionType;
import dev.dbtstateoss.engine.Keys;
import dev.dbtstateoss.engine.RunKind;
import dev.dbtstateoss.engine.RunRecord;
import dev.dbtstateoss.store.StateStore;
import dev.dbtstateoss.history.StoreHistory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports the history of the Python dbt-state-oss server (0.1.1) as runs of this store format. Its
 * layouts, under the store's prefix: {@code <sha256(target)[:16]>.jsonl}, one JSON record a line (its
 * local directory, and its Azure append blobs), and {@code <sha256(target)[:16]>/<sha256(record)[:16]>.json},
 * one record an object (S3). A record holds {@code target_table, fingerprint, execution_type,
 * last_modified_epoch, table_type, created_at}.
 *
 * <p>Each record becomes a confirmed run of kind {@code imported} ({@link RunKind#IMPORTED}) whose fingerprint is
 * {@value #FINGERPRINT_PREFIX} followed by the Python one. Its fingerprints come from another SQL
 * normalization, and it recorded no inputs, settings or request ids, so such a run can never equal a
 * query of this server: it shows in {@code inspect targets/history}, and the first decision about the
 * target after the move executes. Request ids are derived from the record's place and content, so a
 * second import writes nothing twice.
 */
public final class PythonOssImport {
    static final RunKind KIND = RunKind.IMPORTED;
    static final String FINGERPRINT_PREFIX = "imported:";
    private static final Pattern PER_TARGET = Pattern.compile("([0-9a-f]{16})\\.jsonl");
    private static final Pattern PER_RECORD = Pattern.compile("([0-9a-f]{16})/[0-9a-f]{16}\\.json");

    /** What an import did; {@code groups} compare the runs read back per target with those written. */
    public record Result(int files, int records, int imported, int alreadyThere, List<String> problems, List<Migration.Group> groups) {}

    private final StateStore from;
    private final StoreHistory to;
    private final String namespace;

    public PythonOssImport(StateStore from, StoreHistory to, String namespace) {
        this.from = from;
        this.to = to;
        this.namespace = namespace;
    }

    public Result run(boolean dryRun) {
        List<String> problems = new ArrayList<>();
        Map<String, List<RunRecord>> byTarget = new TreeMap<>();
        int files = 0;
        int records = 0;
        for (String key : from.list("").toList()) {
            Matcher lines = PER_TARGET.matcher(key);
            Matcher single = PER_RECORD.matcher(key);
            String hash = lines.matches() ? lines.group(1) : single.matches() ? single.group(1) : null;
            if (hash == null) {
                problems.add("'" + key + "' is not a file of a Python dbt-state-oss store (not imported)");
                continue;
            }
            files++;
            byte[] value = from.read(key).map(StateStore.Blob::value).orElse(new byte[0]);
            String[] text = new String(value, StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < text.length; i++) {
                if (text[i].isBlank()) {
                    continue;
                }
                records++;
                try {
                    RunRecord run = convert(key, i, text[i]);
                    if (!sha256(run.targetTable()).startsWith(hash)) {
                        problems.add(key + " line " + (i + 1) + ": target " + run.targetTable() + " does not hash to " + hash);
                    }
                    byTarget.computeIfAbsent(run.targetKey(), k -> new ArrayList<>()).add(run);
                } catch (RuntimeException e) {
                    problems.add(key + " line " + (i + 1) + ": not a record (" + e.getMessage() + ")");
                }
            }
        }
        int imported = 0;
        int there = 0;
        List<Migration.Group> groups = new ArrayList<>();
        for (Map.Entry<String, List<RunRecord>> t : byTarget.entrySet()) {
            if (dryRun) {
                imported += t.getValue().size();
                continue;
            }
            for (RunRecord run : t.getValue()) {
                if (to.recordConfirmed(run)) {
                    imported++;
                } else {
                    there++;
                }
            }
            groups.add(verify(t.getKey(), t.getValue()));
        }
        return new Result(files, records, imported, there, problems, groups);
    }

    /** Reads the target's runs back from the destination and compares the imported ones with those written. */
    private Migration.Group verify(String targetKey, List<RunRecord> written) {
        Map<String, RunRecord> found = new TreeMap<>();
        to.runs(targetKey).stream().filter(r -> r.kind() == KIND).forEach(r -> found.put(r.requestId(), r));
        MessageDigest want = Migration.newDigest();
        MessageDigest got = Migration.newDigest();
        int verified = 0;
        for (RunRecord r : written.stream().sorted((a, b) -> a.requestId().compareTo(b.requestId())).toList()) {
            RunRecord back = found.get(r.requestId());
            want.update((r.requestId() + "\0" + r + "\n").getBytes(StandardCharsets.UTF_8));
            got.update((r.requestId() + "\0" + back + "\n").getBytes(StandardCharsets.UTF_8));
            verified += r.equals(back) ? 1 : 0;
        }
        String prefix = "targets/" + sha256(targetKey).substring(0, 32) + "/ " + written.get(0).targetTable();
        return new Migration.Group(prefix, written.size(), HexFormat.of().formatHex(want.digest()), verified,
                HexFormat.of().formatHex(got.digest()));
    }

    /** One Python record as an imported, confirmed run. */
    RunRecord convert(String key, int line, String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        String target = o.get("target_table").getAsString();
        String fingerprint = o.get("fingerprint").getAsString();
        long atMs = (long) (o.get("created_at").getAsDouble() * 1000);
        ExecutionType type;
        try {
            type = ExecutionType.valueOf(string(o, "execution_type"));
        } catch (IllegalArgumentException | NullPointerException e) {
            type = ExecutionType.UNSPECIFIED;
        }
        Long lastModified = o.has("last_modified_epoch") && !o.get("last_modified_epoch").isJsonNull()
                ? o.get("last_modified_epoch").getAsLong() : null;
        String h = sha256(key + "\n" + line + "\n" + json);
        String t = String.format("%012x", atMs & 0xffff_ffff_ffffL);
        String requestId = t.substring(0, 8) + "-" + t.substring(8) + "-7" + h.substring(0, 3) + "-8" + h.substring(3, 6) + "-"
                + h.substring(6, 18);
        return RunRecord.builder().requestId(requestId).targetKey(Keys.target(namespace, target)).targetTable(target)
                .kind(KIND).displayName(target).executionType(type).fingerprint(FINGERPRINT_PREFIX + fingerprint)
                .settingsHash(KIND.stored()).lineage(FINGERPRINT_PREFIX + fingerprint).decidedAtMs(atMs)
                .outcome(new RunRecord.Outcome(atMs, lastModified, 0, null, string(o, "table_type"))).build();
    }

    private static String string(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    public static String sha256(String s) {
        return HexFormat.of().formatHex(Migration.newDigest().digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
