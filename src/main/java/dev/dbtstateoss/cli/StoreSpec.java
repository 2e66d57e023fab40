package dev.dbtstateoss.cli;

import dev.dbtstateoss.store.AzureSettings;
import dev.dbtstateoss.store.GcsSettings;
import dev.dbtstateoss.store.LocalDirectory;
import dev.dbtstateoss.store.MemoryStore;
import dev.dbtstateoss.store.OneLakeSettings;
import dev.dbtstateoss.store.PostgresSettings;
import dev.dbtstateoss.store.S3Settings;
import dev.dbtstateoss.store.StateStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Which store to open, as a command's flags and environment specified it: the backend and its settings
 * (flag, else variable, else default, already applied), and how the flags are spelled so that bad settings
 * are reported naming the flag the user typed. Immutable; {@link #open()} is the one place stores are opened.
 *
 * @param kind the backend
 * @param settings the settings given for it (absent: not given and no default)
 * @param flags how this side's flags are spelled in messages
 * @param attemptTimeout how long one request to a cloud store, or one PostgreSQL statement, may take
 * @param retryBudget how long one S3/Azure call may keep retrying
 */
public record StoreSpec(StoreKind kind, Map<StoreSetting, String> settings, Flags flags, Duration attemptTimeout,
        Duration retryBudget) {

    /** The default prefix of keys in a bucket or container, as the Python server's. */
    public static final String DEFAULT_PREFIX = "state/";

    /**
     * How a side's flags are spelled: {@code --bucket} with {@code --store}, or {@code --from-bucket} with
     * {@code --from}; whether messages may suggest the environment variable instead.
     */
    public record Flags(String prefix, String kindFlag, boolean environment) {
        /** Serve's and inspect's spelling. */
        public static final Flags PLAIN = new Flags("--", "--store", true);

        String of(StoreSetting s) {
            return prefix + s.flag;
        }
    }

    public StoreSpec {
        settings = Map.copyOf(settings);
    }

    /** A spec with these settings, spelled as serve's flags, with the default timeouts. */
    public static StoreSpec of(StoreKind kind, Map<StoreSetting, String> settings) {
        return new StoreSpec(kind, settings, Flags.PLAIN, S3Settings.DEFAULT_ATTEMPT_TIMEOUT, S3Settings.DEFAULT_RETRY_BUDGET);
    }

    /** Opens the backend, creating a local directory if needed; bad settings are reported naming the flag. */
    public StateStore open() {
        return open(false);
    }

    /**
     * Opens the backend to read it (inspect, the source of a migration): a local directory must exist and
     * nothing is created in it by opening.
     */
    public StateStore openForReading() {
        return open(true);
    }

    private StateStore open(boolean reading) {
        switch (kind) {
            case MEMORY:
                return new MemoryStore();
            case LOCAL:
                return openLocal(reading);
            case S3:
                return openS3();
            case AZURE:
                return openAzure();
            case GCS:
                return openGcs();
            case ONELAKE:
                return openOneLake();
            case POSTGRES:
                return openPostgres();
            default:
                throw new IllegalStateException("no way to open " + kind);
        }
    }

    private StateStore openLocal(boolean reading) {
        String dir = get(StoreSetting.DIR);
        if (dir == null) {
            throw new ExitCodes.UserInputException(flag(StoreSetting.DIR) + " is required with " + flags.kindFlag() + " local");
        }
        Path path = Path.of(dir);
        if (reading && !Files.isDirectory(path)) {
            throw new ExitCodes.UserInputException(flag(StoreSetting.DIR) + " " + path + ": no such directory");
        }
        return reading ? LocalDirectory.existing(path) : LocalDirectory.open(path);
    }

    private StateStore openS3() {
        String bucket = get(StoreSetting.BUCKET);
        if (blank(bucket)) {
            throw new ExitCodes.UserInputException(flag(StoreSetting.BUCKET) + " is required with " + flags.kindFlag() + " s3"
                    + envHint("DBTSTATE_S3_BUCKET"));
        }
        String ep = get(StoreSetting.ENDPOINT);
        S3Settings s3 = new S3Settings(bucket.strip(), prefix(), ep == null ? null : url(ep), pathStyle(),
                get(StoreSetting.REGION), null, attemptTimeout, retryBudget);
        try {
            s3.resolvedRegion();
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.UserInputException(flag(StoreSetting.REGION) + ": " + e.getMessage());
        }
        return s3.open();
    }

    private StateStore openAzure() {
        String account = get(StoreSetting.ACCOUNT);
        String connectionString = get(StoreSetting.CONNECTION_STRING);
        String container = get(StoreSetting.CONTAINER);
        String accountKey = get(StoreSetting.ACCOUNT_KEY);
        if (blank(account) && blank(connectionString)) {
            throw new ExitCodes.UserInputException(flag(StoreSetting.ACCOUNT) + " is required with " + flags.kindFlag()
                    + " azure" + envHint("DBTSTATE_AZURE_ACCOUNT") + ", unless " + flag(StoreSetting.CONNECTION_STRING)
                    + " is given");
        }
        if (blank(container)) {
            throw new ExitCodes.UserInputException(flag(StoreSetting.CONTAINER) + " must not be empty");
        }
        String ep = get(StoreSetting.ENDPOINT);
        if (ep != null) {
            url(ep);
        }
        if (!blank(accountKey) && blank(account)) {
            throw new ExitCodes.UserInputException(flag(StoreSetting.ACCOUNT_KEY) + " needs " + flag(StoreSetting.ACCOUNT));
        }
        AzureSettings azure = new AzureSettings(blank(account) ? null : account.strip(), container.strip(), prefix(),
                connectionString, accountKey, ep, attemptTimeout, retryBudget);
        try {
            return azure.open();
        } catch (IllegalArgumentException e) {
            // The SDK refuses a malformed connection string or key before any request.
            throw new ExitCodes.UserInputException(flag(StoreSetting.CONNECTION_STRING) + " / " + flag(StoreSetting.ACCOUNT_KEY)
                    + ": " + e.getMessage());
        }
    }

    private StateStore openGcs() {
        String bucket = get(StoreSetting.BUCKET);
        if (blank(bucket)) {
            throw new ExitCodes.UserInputException(flag(StoreSetting.BUCKET) + " is required with " + flags.kindFlag() + " gcs"
                    + envHint("DBTSTATE_GCS_BUCKET"));
        }
        String ep = get(StoreSetting.ENDPOINT);
        // STORAGE_EMULATOR_HOST, as Google's clients read it, may be host:port without a scheme.
        URI endpoint = ep == null ? null : url(ep.contains("://") ? ep : "http://" + ep.strip());
        return new GcsSettings(bucket.strip(), prefix(), get(StoreSetting.PROJECT), endpoint, attemptTimeout, retryBudget).open();
    }

    private StateStore openOneLake() {
        String workspace = get(StoreSetting.WORKSPACE);
        String item = get(StoreSetting.ITEM);
        if (blank(workspace) || blank(item)) {
            StoreSetting missing = blank(workspace) ? StoreSetting.WORKSPACE : StoreSetting.ITEM;
            throw new ExitCodes.UserInputException(flag(StoreSetting.WORKSPACE) + " and " + flag(StoreSetting.ITEM)
                    + " are required with " + flags.kindFlag() + " onelake" + envHint("DBTSTATE_ONELAKE_"
                            + missing.name()) + "; " + flag(missing) + " is missing");
        }
        String ep = get(StoreSetting.ENDPOINT);
        if (ep != null) {
            url(ep);
        }
        try {
            return new OneLakeSettings(workspace.strip(), item.strip(), prefix(), ep, attemptTimeout, retryBudget).open();
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.UserInputException(flag(StoreSetting.WORKSPACE) + " / " + flag(StoreSetting.ITEM) + ": "
                    + e.getMessage());
        }
    }

    private StateStore openPostgres() {
        String url = get(StoreSetting.URL);
        if (blank(url)) {
            throw new ExitCodes.UserInputException(flag(StoreSetting.URL) + " is required with " + flags.kindFlag() + " postgres"
                    + envHint("DBTSTATE_PG_URL"));
        }
        String password = get(StoreSetting.PG_PASSWORD);
        String file = get(StoreSetting.PASSWORD_FILE);
        if (file != null) {
            try {
                password = Files.readAllLines(Path.of(file)).stream().findFirst().orElse("").strip();
            } catch (java.io.IOException | RuntimeException e) {
                throw new ExitCodes.UserInputException(flag(StoreSetting.PASSWORD_FILE) + " " + file + ": cannot read it (" + e
                        + ")");
            }
        }
        try {
            return PostgresSettings.fromUrl(url.strip(), get(StoreSetting.PG_USER), password, attemptTimeout).open();
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.UserInputException(flag(StoreSetting.URL) + ": " + e.getMessage());
        }
    }

    /** Both specs name one local directory (whose store, a database or files, two sides may describe apart). */
    public boolean sameLocalDirectory(StoreSpec other) {
        String a = get(StoreSetting.DIR);
        String b = other.get(StoreSetting.DIR);
        return kind == StoreKind.LOCAL && other.kind == StoreKind.LOCAL && a != null && b != null
                && Path.of(a).toAbsolutePath().normalize().equals(Path.of(b).toAbsolutePath().normalize());
    }

    /** The setting's value, null when neither given nor defaulted. */
    public String get(StoreSetting s) {
        return settings.get(s);
    }

    /** The flag as the user spells it, e.g. "--bucket" or "--to-bucket". */
    String flag(StoreSetting s) {
        return flags.of(s);
    }

    private String envHint(String variable) {
        return flags.environment() ? " (or set " + variable + ")" : "";
    }

    private String prefix() {
        String p = get(StoreSetting.PREFIX);
        return p == null ? DEFAULT_PREFIX : p;
    }

    private boolean pathStyle() {
        String v = get(StoreSetting.PATH_STYLE);
        if (v == null) {
            return false;
        }
        switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new ExitCodes.UserInputException(flag(StoreSetting.PATH_STYLE) + " '" + v + "': expected true or false");
        }
    }

    private URI url(String value) {
        try {
            URI u = new URI(value.strip());
            if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                throw new URISyntaxException(value, "not an http(s) URL with a host");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new ExitCodes.UserInputException(flag(StoreSetting.ENDPOINT) + " '" + value + "': " + e.getMessage());
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
