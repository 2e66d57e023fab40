package dev.dbtstateoss.cli;

import dev.dbtstateoss.engine.ReusePolicy;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Options that narrow reuse for what the warehouse's timestamps cannot show: {@code serve}'s, and
 * {@code replay}'s for an engine in process (to replay a server that ran with them).
 */
public final class ReuseOptions {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*([smhdw])");

    @Option(names = "--max-reuse-age", paramLabel = "DURATION", defaultValue = "${env:DBTSTATE_MAX_REUSE_AGE}",
            description = "Never reuse a build older than this (e.g. 24h, 7d, 90m, or ISO-8601 PT12H): a safety net that"
                    + " forces a periodic rebuild, for changes no request shows (on PostgreSQL: deleted older rows, DDL on"
                    + " a model's own table). Off unless set (env DBTSTATE_MAX_REUSE_AGE). See docs/decision-rules.md.")
    String maxReuseAge;

    @Option(names = "--reuse-select-star", defaultValue = "${env:DBTSTATE_REUSE_SELECT_STAR:-false}", fallbackValue = "true",
            arity = "0..1", converter = ReuseOptions.TrueOrFalse.class,
            description = "Reuse nodes whose SQL takes a source's columns with select * (or t.*) on PostgreSQL, whose"
                    + " timestamps do not move when a column is added: a column added to the source is then missing"
                    + " until the node is rebuilt. Off by default (env DBTSTATE_REUSE_SELECT_STAR).")
    boolean reuseSelectStar;

    /** true or false in any case; anything else says what to give (picocli names the flag). */
    static final class TrueOrFalse implements ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) {
                throw new TypeConversionException("'" + value + "': give true or false, or the flag alone for true"
                        + " (or unset DBTSTATE_REUSE_SELECT_STAR)");
            }
            return v.equals("true");
        }
    }

    /** The policy, or a message naming the flag. */
    ReusePolicy policy() {
        return new ReusePolicy(maxReuseAge == null || maxReuseAge.isBlank() ? 0 : parse(maxReuseAge).toMillis(), reuseSelectStar);
    }

    static Duration parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(t);
        Duration d;
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    case "d" -> Duration.ofDays(n);
                    default -> Duration.ofDays(7 * n);
                };
            } else {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            d = null;
        }
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ExitCodes.UserInputException("--max-reuse-age '" + text + "': give a positive duration such as 24h,"
                    + " 7d, 90m or PT12H (or unset DBTSTATE_MAX_REUSE_AGE)");
        }
        return d;
    }
}
