package dev.dbtstateoss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The log formats: text as before, JSON one parseable object per line with a decision's fields. */
class LogsTest {

    private static String publish(Logs.Format format, LogRecord... records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Logger logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.ALL);
        logger.addHandler(Logs.handler(err, format));
        for (LogRecord r : records) {
            logger.log(r);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static LogRecord decision() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("node", "model.p.orders");
        fields.put("outcome", "SKIP");
        fields.put("reason", "UP_TO_DATE");
        fields.put("ms", 1.5);
        fields.put("detail", "same query {0}, \"quoted\"\nand a newline");
        LogRecord r = new LogRecord(Level.INFO, "decision node=model.p.orders outcome=SKIP detail=\"same query {0}\"");
        r.setLoggerName("dev.dbtstateoss.decisions");
        r.setParameters(new Object[] {fields});
        return r;
    }

    @Test
    void jsonIsOneObjectPerLineWithTheDecisionFields() {
        LogRecord failure = new LogRecord(Level.SEVERE, "store call failed");
        failure.setLoggerName("dev.dbtstateoss.serve");
        failure.setThrown(new IllegalStateException("disk gone"));
        String out = publish(Logs.Format.JSON, decision(), failure);
        String[] lines = out.split("\n");
        assertEquals(2, lines.length, out);
        JsonObject d = JsonParser.parseString(lines[0]).getAsJsonObject();
        assertEquals("INFO", d.get("level").getAsString());
        assertEquals("dev.dbtstateoss.decisions", d.get("logger").getAsString());
        assertTrue(d.get("message").getAsString().startsWith("decision node=model.p.orders"), lines[0]);
        assertEquals("model.p.orders", d.get("node").getAsString());
        assertEquals("SKIP", d.get("outcome").getAsString());
        assertEquals("UP_TO_DATE", d.get("reason").getAsString());
        assertEquals(1.5, d.get("ms").getAsDouble());
        assertEquals("same query {0}, \"quoted\"\nand a newline", d.get("detail").getAsString());
        assertTrue(java.time.Instant.parse(d.get("time").getAsString()).isAfter(java.time.Instant.EPOCH));
        JsonObject f = JsonParser.parseString(lines[1]).getAsJsonObject();
        assertEquals("SEVERE", f.get("level").getAsString());
        assertEquals("java.lang.IllegalStateException: disk gone", f.get("error").getAsString());
        JsonObject direct = JsonParser.parseString(Logs.line(Logs.Format.JSON, "stopped")).getAsJsonObject();
        assertEquals("stopped", direct.get("message").getAsString());
    }

    @Test
    void textKeepsTheDecisionLineAsItWas() {
        String out = publish(Logs.Format.TEXT, decision());
        assertTrue(out.matches("\\S+ INFO decision node=model\\.p\\.orders outcome=SKIP detail=\"same query \\{0\\}\"\\R"), out);
        assertTrue(Logs.line(Logs.Format.TEXT, "stopped").endsWith(" INFO stopped"));
    }

    @Test
    void badOpsOptionsNameTheFlag() {
        for (String[] args : new String[][] {
                {"serve", "--store", "memory", "--log-format", "xml"},
                {"serve", "--store", "memory", "--metrics-port", "70000"},
                {"serve", "--store", "memory", "--health-probe-seconds", "-1"}}) {
            StringWriter err = new StringWriter();
            int code = Main.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)).execute(args);
            assertEquals(ExitCodes.USAGE, code, err.toString());
            assertTrue(err.toString().contains(args[3]), err.toString());
        }
    }
}
