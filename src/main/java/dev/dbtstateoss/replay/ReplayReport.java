package dev.dbtstateoss.replay;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Prints a replay: as text, a block per call that differs or could not be replayed and a summary
 * line {@code N calls, N match, N differ} (plus {@code , N not replayed} when some lines were
 * broken or named an unknown method); as JSON, one document with every call.
 */
public final class ReplayReport {
    private static final int MAX_VALUE_CHARS = 240;

    private final PrintWriter out;
    private final boolean json;
    private final List<ReplayResult> results = new ArrayList<>();
    private int calls;
    private int match;
    private int differ;
    private int notReplayed;

    public ReplayReport(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    public void add(ReplayResult r) {
        calls++;
        switch (r.status()) {
            case MATCH:
                match++;
                break;
            case DIFFER:
                differ++;
                break;
            default:
                notReplayed++;
        }
        if (json) {
            results.add(r);
        } else {
            printText(r);
        }
    }

    /** True when every call was replayed and matched. */
    public boolean allMatch() {
        return differ == 0 && notReplayed == 0;
    }

    String summary() {
        return calls + " calls, " + match + " match, " + differ + " differ" + (notReplayed > 0 ? ", " + notReplayed + " not replayed" : "");
    }

    /** Ends the report: the note on ignored empty fields and the summary, or the JSON document. */
    public void finish(List<String> files, Map<String, Integer> emptyUnknownFields) {
        if (json) {
            printJson(files, emptyUnknownFields);
        } else {
            if (!emptyUnknownFields.isEmpty()) {
                StringJoiner j = new StringJoiner(", ");
                new TreeMap<>(emptyUnknownFields).forEach((f, n) -> j.add(f + " (" + n + (n == 1 ? " line)" : " lines)")));
                out.println("note: ignored fields unknown to our protos that held nothing (null or empty): " + j);
            }
            out.println(summary());
        }
        out.flush();
    }

    private void printText(ReplayResult r) {
        String where = r.file() + ":" + r.line();
        switch (r.status()) {
            case BROKEN:
                out.println(where + ": broken line, not replayed: " + r.notes().get(0));
                return;
            case UNKNOWN_METHOD:
                out.println(where + ": " + r.notes().get(0) + ", not replayed");
                return;
            default:
                break;
        }
        if (r.status() == ReplayResult.Status.MATCH && r.notes().isEmpty()) {
            return;
        }
        String call = where + " " + r.service() + "/" + r.method() + (r.node().isEmpty() ? "" : " " + r.node());
        out.println(call + (r.status() == ReplayResult.Status.DIFFER ? ": differs" : ": matches"));
        for (ReplayResult.Difference d : r.differences()) {
            out.println("  " + d.field() + ": recorded " + shorten(d.recorded()) + ", ours " + shorten(d.ours())
                    + (d.why() == null ? "" : " (" + d.why() + ")"));
        }
        for (String note : r.notes()) {
            out.println("  note: " + note);
        }
    }

    private static String shorten(JsonElement v) {
        String s = v.toString();
        return s.length() <= MAX_VALUE_CHARS ? s : s.substring(0, MAX_VALUE_CHARS) + "...(" + s.length() + " chars)";
    }

    private void printJson(List<String> files, Map<String, Integer> emptyUnknownFields) {
        JsonObject doc = new JsonObject();
        JsonArray fileList = new JsonArray();
        files.forEach(fileList::add);
        doc.add("files", fileList);
        doc.addProperty("calls", calls);
        doc.addProperty("match", match);
        doc.addProperty("differ", differ);
        doc.addProperty("not_replayed", notReplayed);
        doc.addProperty("summary", summary());
        JsonObject empty = new JsonObject();
        new TreeMap<>(emptyUnknownFields).forEach(empty::addProperty);
        doc.add("ignored_empty_unknown_fields", empty);
        JsonArray list = new JsonArray();
        for (ReplayResult r : results) {
            JsonObject o = new JsonObject();
            o.addProperty("file", r.file());
            o.addProperty("line", r.line());
            o.addProperty("service", r.service());
            o.addProperty("method", r.method());
            o.addProperty("node", r.node());
            o.addProperty("status", r.status().name().toLowerCase(Locale.ROOT));
            JsonArray diffs = new JsonArray();
            for (ReplayResult.Difference d : r.differences()) {
                JsonObject dj = new JsonObject();
                dj.addProperty("field", d.field());
                dj.add("recorded", d.recorded());
                dj.add("ours", d.ours());
                if (d.why() != null) {
                    dj.addProperty("why", d.why());
                }
                diffs.add(dj);
            }
            o.add("differences", diffs);
            JsonArray notes = new JsonArray();
            r.notes().forEach(notes::add);
            o.add("notes", notes);
            list.add(o);
        }
        doc.add("results", list);
        Gson gson = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();
        out.println(gson.toJson(doc));
    }
}
