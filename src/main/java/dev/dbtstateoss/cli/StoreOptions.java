package dev.dbtstateoss.cli;

import dev.dbtstateoss.store.AzureSettings;
import dev.dbtstateoss.store.LocalDirectory;
import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.store.PostgresSettings;
import dev.dbtstateoss.store.S3Settings;
import dev.dbtstateoss.store.StateStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/**
 * Which store to use; shared by every command that reads or writes state. Flag names and environment
 * variables are those of the Python dbt-state-oss server where it has them.
 */
public final class StoreOptions {
    /** The default prefix of keys in a bucket or container, as the Python server's. */
    static final String DEFAULT_PREFIX = "state/";

    /** How long one S3/Azure request may take, and how long a call may keep retrying (set longer by migrate-store). */
    java.time.Duration attemptTimeout = S3Settings.DEFAULT_ATTEMPT_TIMEOUT;

    java.time.Duration retryBudget = S3Settings.DEFAULT_RETRY_BUDGET;

    /** How long one SQL statement may take (serve sets it to --store-timeout-ms). */
    java.time.Duration statementTimeout = java.time.Duration.ofSeconds(10);

    @Option(names = "--store", paramLabel = "KIND", defaultValue = "${env:STATE_STORE:-local}",
            description = "State backend: local (a database file in a directory), memory (lost on exit), s3, azure or postgres."
                    + " Default: ${DEFAULT-VALUE}"
                    + " (env STATE_STORE).")
    String kind;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "${env:DBTSTATE_LOCAL_DIR:-.state_data}",
            description = "[local] Directory of the store (its database is DIR/state.db; a directory written by an earlier"
                    + " release, one file per key, is used as it is). Default: ${DEFAULT-VALUE} (env DBTSTATE_LOCAL_DIR).")
    Path dir;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:DBTSTATE_PG_URL}",
            description = "[postgres] postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DB[?sslmode=...] or jdbc:postgresql://..."
                    + " (env DBTSTATE_PG_URL). A password not in the URL comes from --password-file, else PGPASSWORD.")
    String url;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "[postgres] File whose first line is the password (when the URL has none).")
    Path passwordFile;

    @Option(names = "--bucket", paramLabel = "NAME", defaultValue = "${env:DBTSTATE_S3_BUCKET}",
            description = "[s3] Bucket (must exist) (env DBTSTATE_S3_BUCKET). Credentials: the AWS default chain.")
    String bucket;

    @Option(names = "--prefix", paramLabel = "PREFIX",
            description = "[s3|azure] Key prefix in the bucket or container. Default: " + DEFAULT_PREFIX
                    + " (env DBTSTATE_S3_PREFIX or DBTSTATE_AZURE_PREFIX).")
    String prefix;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "[s3|azure] Service address for S3-compatible services, Azurite or OneLake"
                    + " (env DBTSTATE_S3_ENDPOINT or DBTSTATE_AZURE_ENDPOINT). Default: AWS S3 (or AWS_ENDPOINT_URL_S3),"
                    + " https://ACCOUNT.blob.core.windows.net.")
    String endpoint;

    @Option(names = "--path-style", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
            defaultValue = "${env:DBTSTATE_S3_PATH_STYLE:-false}",
            description = "[s3] Address buckets as ENDPOINT/BUCKET (most S3-compatible services need it)"
                    + " (env DBTSTATE_S3_PATH_STYLE).")
    boolean pathStyle;

    @Option(names = "--region", paramLabel = "REGION", defaultValue = "${env:AWS_REGION}",
            description = "[s3] AWS region (env AWS_REGION or AWS_DEFAULT_REGION; else the AWS default chain).")
    String region;

    @Option(names = "--account", paramLabel = "NAME", defaultValue = "${env:DBTSTATE_AZURE_ACCOUNT}",
            description = "[azure] Storage account (env DBTSTATE_AZURE_ACCOUNT).")
    String account;

    @Option(names = "--container", paramLabel = "NAME", defaultValue = "${env:DBTSTATE_AZURE_CONTAINER:-dbt-state}",
            description = "[azure] Container (must exist). Default: ${DEFAULT-VALUE} (env DBTSTATE_AZURE_CONTAINER).")
    String container;

    @Option(names = "--connection-string", paramLabel = "STRING", defaultValue = "${env:AZURE_STORAGE_CONNECTION_STRING}",
            description = "[azure] Storage connection string; prefer the env AZURE_STORAGE_CONNECTION_STRING.")
    String connectionString;

    @Option(names = "--account-key", paramLabel = "KEY", defaultValue = "${env:AZURE_STORAGE_KEY}",
            description = "[azure] Account key; prefer the env AZURE_STORAGE_KEY. Without a key or connection string:"
                    + " the Azure default credential chain (az login, managed or workload identity).")
    String accountKey;

    /** How flags are spelled in messages ("--" here, "--from-" for a side of migrate-store). */
    String flagPrefix = "--";

    /** How the backend's flag is spelled in messages ("--store" here, "--from" for a side of migrate-store). */
    String kindFlag = "--store";

    /** Where per-backend environment variables are read; empty for options that take no environment. */
    UnaryOperator<String> env = System::getenv;

    /** Opens the chosen backend; bad settings are reported naming the flag. */
    public StateStore open() {
        return open(false);
    }

    /**
     * Opens the chosen backend to read it (inspect, the source of a migration): a local directory must
     * exist and nothing is created in it by opening.
     */
    public StateStore openForReading() {
        return open(true);
    }

    private StateStore open(boolean reading) {
        String k = kind == null ? "" : kind.strip().toLowerCase(Locale.ROOT);
        switch (k) {
            case "memory":
                return new MemoryStore();
            case "local":
                if (dir == null) {
                    throw new ExitCodes.UserInputException(flag("dir") + " is required with " + kindFlag + " local");
                }
                if (reading && !java.nio.file.Files.isDirectory(dir)) {
                    throw new ExitCodes.UserInputException(flag("dir") + " " + dir + ": no such directory");
                }
                return reading ? LocalDirectory.existing(dir) : LocalDirectory.open(dir);
            case "postgres":
                return openPostgres();
            case "s3":
                return openS3();
            case "azure":
                return openAzure();
            default:
                throw new ExitCodes.UserInputException(kindFlag + ": unknown backend '" + kind
                        + "'; choose local, memory, s3, azure or postgres" + (flagPrefix.equals("--") ? " (or set STATE_STORE)" : ""));
        }
    }

    private StateStore openPostgres() {
        if (blank(url)) {
            throw new ExitCodes.UserInputException(flag("url") + " is required with " + kindFlag + " postgres"
                    + envHint("DBTSTATE_PG_URL"));
        }
        String password = env.apply("PGPASSWORD");
        if (passwordFile != null) {
            try {
                password = java.nio.file.Files.readAllLines(passwordFile).stream().findFirst().orElse("").strip();
            } catch (java.io.IOException e) {
                throw new ExitCodes.UserInputException(flag("password-file") + " " + passwordFile + ": cannot read it (" + e + ")");
            }
        }
        try {
            return PostgresSettings.fromUrl(url, env.apply("PGUSER"), password, statementTimeout).open();
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.UserInputException(flag("url") + ": " + e.getMessage());
        }
    }

    private StateStore openS3() {
        if (blank(bucket)) {
            throw new ExitCodes.UserInputException(flag("bucket") + " is required with " + kindFlag + " s3"
                    + envHint("DBTSTATE_S3_BUCKET"));
        }
        String ep = firstSet(endpoint, env.apply("DBTSTATE_S3_ENDPOINT"));
        S3Settings settings = new S3Settings(bucket.strip(), prefixOr(env.apply("DBTSTATE_S3_PREFIX")),
                ep == null ? null : url(ep), pathStyle, firstSet(region, env.apply("AWS_DEFAULT_REGION")), null,
                attemptTimeout, retryBudget);
        try {
            settings.resolvedRegion();
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.UserInputException(flag("region") + ": " + e.getMessage());
        }
        return settings.open();
    }

    private StateStore openAzure() {
        if (blank(account) && blank(connectionString)) {
            throw new ExitCodes.UserInputException(flag("account") + " is required with " + kindFlag + " azure"
                    + envHint("DBTSTATE_AZURE_ACCOUNT") + ", unless " + flag("connection-string") + " is given");
        }
        if (blank(container)) {
            throw new ExitCodes.UserInputException(flag("container") + " must not be empty");
        }
        String ep = firstSet(endpoint, env.apply("DBTSTATE_AZURE_ENDPOINT"));
        if (ep != null) {
            url(ep);
        }
        if (!blank(accountKey) && blank(account)) {
            throw new ExitCodes.UserInputException(flag("account-key") + " needs " + flag("account"));
        }
        AzureSettings settings = new AzureSettings(blank(account) ? null : account.strip(), container.strip(),
                prefixOr(env.apply("DBTSTATE_AZURE_PREFIX")), connectionString, accountKey, ep,
                attemptTimeout, retryBudget);
        try {
            return settings.open();
        } catch (IllegalArgumentException e) {
            // The SDK refuses a malformed connection string or key before any request.
            throw new ExitCodes.UserInputException(flag("connection-string") + " / " + flag("account-key") + ": " + e.getMessage());
        }
    }

    /** The flag as the user spells it, e.g. "--bucket" or "--to-bucket". */
    String flag(String name) {
        return flagPrefix + name;
    }

    private String envHint(String variable) {
        return flagPrefix.equals("--") ? " (or set " + variable + ")" : "";
    }

    private String prefixOr(String fromEnv) {
        String p = firstSet(prefix, fromEnv);
        return p == null ? DEFAULT_PREFIX : p;
    }

    private URI url(String value) {
        try {
            URI u = new URI(value.strip());
            if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                throw new URISyntaxException(value, "not an http(s) URL with a host");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new ExitCodes.UserInputException(flag("endpoint") + " '" + value + "': " + e.getMessage());
        }
    }

    private static String firstSet(String a, String b) {
        return !blank(a) ? a.strip() : !blank(b) ? b.strip() : null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
