package dev.dbtstateoss.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTML pieces of the dashboard: every text from the store goes through {@link #esc}. */
final class Html {
    private Html() {}

    static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:0;color:#1d2633;background:#f5f7fa}
            header{background:#1d2633;color:#fff;padding:10px 24px;display:flex;gap:24px;align-items:baseline}
            header a{color:#cfe0ff;text-decoration:none} header b{font-size:18px;color:#fff}
            main{padding:16px 24px;max-width:1200px}
            table{border-collapse:collapse;background:#fff;width:100%;margin:8px 0 20px}
            th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e3e7ee;font-size:13px;vertical-align:top}
            th a{color:#1d2633} td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
            .cards{display:flex;gap:12px;flex-wrap:wrap;margin:8px 0 20px}
            .card{background:#fff;border:1px solid #e3e7ee;border-radius:6px;padding:10px 16px;min-width:150px}
            .card .v{font-size:24px;font-weight:600} .card .l{font-size:12px;color:#5b6778}
            .chart{background:#fff;border:1px solid #e3e7ee;border-radius:6px;padding:8px;margin-bottom:16px}
            pre,code{font-family:ui-monospace,monospace;font-size:12px} pre{background:#fff;border:1px solid #e3e7ee;padding:8px;white-space:pre-wrap}
            .SUCCESS{color:#127a3a} .FAIL{color:#b3261e} .INFO{color:#5b6778}
            del{background:#ffd7d5;text-decoration:line-through} ins{background:#ccf2d6;text-decoration:none}
            .SKIP{color:#127a3a} .EXECUTE{color:#9a5b00} .CLONE{color:#2456b3} .muted{color:#5b6778;font-size:12px}
            """;

    static String esc(Object value) {
        String s = String.valueOf(value);
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String time(long ms) {
        return ms <= 0 ? "" : Instant.ofEpochMilli(ms).toString().replace('T', ' ').replaceAll("\\.\\d+Z$|Z$", " UTC");
    }

    /** An epoch-ms time as a UTC ISO-8601 timestamp, to the millisecond when it has any ({@code 2026-12-03T18:00:00.123Z}). */
    static String iso(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }

    private static final Pattern EPOCH_MS = Pattern.compile("\\b(at|modified|then) (-?\\d{11,14})\\b");

    /**
     * An explanation line's text, escaped, with the epoch-ms times it names ("decided at 1764...",
     * "last modified 1764..., then 1764...") as UTC ISO timestamps. Lines quoting SQL are left as they are.
     */
    static String line(String text) {
        if (text.startsWith("SQL was:")) {
            return esc(text);
        }
        Matcher m = EPOCH_MS.matcher(text);
        StringBuilder b = new StringBuilder();
        int at = 0;
        while (m.find()) {
            b.append(esc(text.substring(at, m.start(2)))).append("<time>").append(iso(Long.parseLong(m.group(2)))).append("</time>");
            at = m.end(2);
        }
        return b.append(esc(text.substring(at))).toString();
    }

    /** A class attribute, quoted and escaped (values from the store). */
    static String cls(Object value) {
        return " class=\"" + esc(value) + "\"";
    }

    /** A link to the page of a decision. */
    static String decisionLink(String id, String label) {
        return "<a href=\"/decision?id=" + url(id) + "\">" + esc(label) + "</a>";
    }

    /** A whole page: navigation, the organization shown (if any), the body. */
    static String page(String title, String org, String body) {
        String who = org == null ? "" : "<span class=muted style='color:#cfe0ff'>organization " + esc(org)
                + " · <a href='/logout'>sign out</a></span>";
        return "<!doctype html><html lang=en><head><meta charset=utf-8><title>" + esc(title) + " · dbt-state-oss</title>"
                + "<meta name=viewport content='width=device-width,initial-scale=1'><style>" + STYLE + "</style></head><body>"
                + "<header><b>dbt-state-oss</b><a href='/'>Overview</a><a href='/targets'>Targets</a>"
                + "<a href='/recommendations'>Recommendations</a><a href='/decision'>Decision</a>" + who + "</header><main><h2>"
                + esc(title) + "</h2>" + body + "</main></body></html>";
    }

    static String card(String label, String value) {
        return "<div class=card><div class=v>" + esc(value) + "</div><div class=l>" + esc(label) + "</div></div>";
    }

    /** A table; cells are HTML already (escape them with {@link #esc}); a header starting with '#' is numeric. */
    static String table(List<String> header, List<List<String>> rows) {
        StringBuilder b = new StringBuilder("<table><thead><tr>");
        for (String h : header) {
            boolean n = h.startsWith("#");
            b.append(n ? "<th class=n>" : "<th>").append(n ? h.substring(1) : h).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            b.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                b.append(header.get(i).startsWith("#") ? "<td class=n>" : "<td>").append(row.get(i)).append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</tbody></table>").toString();
    }
}
