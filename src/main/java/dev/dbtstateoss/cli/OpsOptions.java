package dev.dbtstateoss.cli;

import java.util.Locale;
import picocli.CommandLine.Option;

/** Operations options of {@code serve}: metrics, log format, store health probe, drain notice. */
public final class OpsOptions {
    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "${env:DBTSTATE_METRICS_PORT}",
            description = "Serve Prometheus metrics at http://HOST:PORT/metrics (0 picks a free port, logged at start)."
                    + " Off by default (env DBTSTATE_METRICS_PORT).")
    Integer metricsPort;

    @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = "${env:DBTSTATE_METRICS_HOST}",
            description = "Address the metrics endpoint binds. Default: the same as --host (env DBTSTATE_METRICS_HOST).")
    String metricsHost;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "${env:DBTSTATE_LOG_FORMAT:-text}",
            description = "Log lines on standard error: text, or json (one object per line with time, level, logger,"
                    + " message and a decision's fields). Default: ${DEFAULT-VALUE} (env DBTSTATE_LOG_FORMAT).")
    String logFormat;

    @Option(names = "--health-probe-seconds", paramLabel = "N", defaultValue = "5",
            description = "Every N seconds read one key of the store (bounded by --store-timeout-ms); while that fails the"
                    + " gRPC health service reports NOT_SERVING. 0 turns the probe off. Default: ${DEFAULT-VALUE}.")
    int healthProbeSeconds;

    @Option(names = "--drain-notice-seconds", paramLabel = "N", defaultValue = "0",
            description = "On SIGTERM, first report NOT_SERVING on the health service and keep answering for N seconds,"
                    + " so load balancers move new calls elsewhere; then drain (--drain-seconds). Default: ${DEFAULT-VALUE}.")
    int drainNoticeSeconds;

    /** The log format, or a message naming the flag. */
    Logs.Format format() {
        String f = logFormat == null ? "" : logFormat.strip().toLowerCase(Locale.ROOT);
        switch (f) {
            case "text":
                return Logs.Format.TEXT;
            case "json":
                return Logs.Format.JSON;
            default:
                throw new ExitCodes.UserInputException("--log-format '" + logFormat + "': choose text or json"
                        + " (or set DBTSTATE_LOG_FORMAT)");
        }
    }

    /** Checks the numbers before anything starts. */
    void check() {
        if (metricsPort != null && (metricsPort < 0 || metricsPort > 65535)) {
            throw new ExitCodes.UserInputException("--metrics-port " + metricsPort + ": must be between 0 and 65535");
        }
        if (healthProbeSeconds < 0) {
            throw new ExitCodes.UserInputException("--health-probe-seconds " + healthProbeSeconds + ": must be 0 or more");
        }
        if (drainNoticeSeconds < 0) {
            throw new ExitCodes.UserInputException("--drain-notice-seconds " + drainNoticeSeconds + ": must be 0 or more");
        }
        format();
    }
}
