package dev.dbtstateoss.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** {@code --retain DURATION}: how long the history keeps runs, decisions and explanations (see history.Retention; its DEFAULT_RETAIN is the default here). */
final class RetainOption {
    private static final Pattern DURATION = Pattern.compile("(\\d+)([dh])");

    @Option(names = "--retain", paramLabel = "DURATION", defaultValue = "${env:DBTSTATE_RETAIN:-90d}",
            description = "Remove runs, decisions never confirmed and explanations older than this, in days (90d) or hours"
                    + " (36h), at least 1d; never a target's latest run or anything a decision reads. 'off' keeps every run"
                    + " (decisions never confirmed still go after 7 days). Several servers may sweep one store."
                    + " Default: ${DEFAULT-VALUE} (env DBTSTATE_RETAIN).")
    String retain;

    /** The window, or null when retention is off. */
    Duration window() {
        String v = retain.trim().toLowerCase(Locale.ROOT);
        if (v.equals("off")) {
            return null;
        }
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) {
            throw new ExitCodes.UserInputException("--retain " + retain + ": give days (90d), hours (36h) or off");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = m.group(2).equals("d") ? Duration.ofDays(n) : Duration.ofHours(n);
        if (d.compareTo(Duration.ofDays(1)) < 0) {
            throw new ExitCodes.UserInputException("--retain " + retain + ": must keep at least one day (1d or 24h), or off");
        }
        return d;
    }
}
