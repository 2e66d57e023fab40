package dev.dbtstateoss.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The destination of {@code migrate-store}: the same settings as {@link StoreOptions}, spelled
 * {@code --to-...}. They take no environment variables, so that the two sides never share one by
 * accident; credentials come from these flags or the default AWS and Azure chains.
 */
final class MigrateToOptions {
    @Option(names = "--to", paramLabel = "KIND", required = true,
            description = "Destination backend: local, memory, s3, azure or postgres.")
    String kind;

    @Option(names = "--to-dir", paramLabel = "DIR", description = "[local] Directory (required with --to local).")
    Path dir;

    @Option(names = "--to-url", paramLabel = "URL",
            description = "[postgres] postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DB or jdbc:postgresql://...")
    String url;

    @Option(names = "--to-password-file", paramLabel = "FILE",
            description = "[postgres] File whose first line is the password (when the URL has none).")
    Path passwordFile;

    @Option(names = "--to-bucket", paramLabel = "NAME", description = "[s3] Bucket (must exist).")
    String bucket;

    @Option(names = "--to-prefix", paramLabel = "PREFIX",
            description = "[s3|azure] Key prefix. Default: " + StoreOptions.DEFAULT_PREFIX + ".")
    String prefix;

    @Option(names = "--to-endpoint", paramLabel = "URL", description = "[s3|azure] Service address (S3-compatible, Azurite, OneLake).")
    String endpoint;

    @Option(names = "--to-path-style", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            description = "[s3] Address buckets as ENDPOINT/BUCKET.")
    boolean pathStyle;

    @Option(names = "--to-region", paramLabel = "REGION", description = "[s3] AWS region (default: the AWS default chain).")
    String region;

    @Option(names = "--to-account", paramLabel = "NAME", description = "[azure] Storage account.")
    String account;

    @Option(names = "--to-container", paramLabel = "NAME", defaultValue = "dbt-state",
            description = "[azure] Container (must exist). Default: ${DEFAULT-VALUE}.")
    String container;

    @Option(names = "--to-connection-string", paramLabel = "STRING", description = "[azure] Storage connection string.")
    String connectionString;

    @Option(names = "--to-account-key", paramLabel = "KEY",
            description = "[azure] Account key (else the Azure default credential chain).")
    String accountKey;

    /** These settings as {@link StoreOptions}, whose messages then name the {@code --to-} flags. */
    StoreOptions toStoreOptions() {
        StoreOptions o = new StoreOptions();
        o.kind = kind;
        o.dir = dir;
        o.url = url;
        o.passwordFile = passwordFile;
        o.bucket = bucket;
        o.prefix = prefix;
        o.endpoint = endpoint;
        o.pathStyle = pathStyle;
        o.region = region;
        o.account = account;
        o.container = container;
        o.connectionString = connectionString;
        o.accountKey = accountKey;
        o.flagPrefix = "--to-";
        o.kindFlag = "--to";
        o.env = name -> null;
        // A migration is a batch job: a busy service gets more time than a decision would.
        o.attemptTimeout = java.time.Duration.ofSeconds(15);
        o.retryBudget = java.time.Duration.ofSeconds(120);
        return o;
    }
}
