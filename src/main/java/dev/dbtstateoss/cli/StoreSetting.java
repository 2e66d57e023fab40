package dev.dbtstateoss.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one table of store settings: each becomes a flag on every command side that can open a store of
 * its kinds ({@code --bucket} for serve and inspect, {@code --from-bucket} and {@code --to-bucket} for
 * migrate-store), read from the environment where that side reads it. A new backend is a {@link StoreKind},
 * its rows here and its case in {@link StoreSpec#open()}.
 */
public enum StoreSetting {
    DIR("dir", "DIR", Set.of(StoreKind.LOCAL), "Directory of the store.", false,
            Map.of(StoreKind.LOCAL, List.of("DBTSTATE_LOCAL_DIR"))),
    BUCKET("bucket", "NAME", Set.of(StoreKind.S3, StoreKind.GCS),
            "Bucket (must exist); credentials: the AWS default chain, or Google's Application Default Credentials.", false,
            Map.of(StoreKind.S3, List.of("DBTSTATE_S3_BUCKET"), StoreKind.GCS, List.of("DBTSTATE_GCS_BUCKET"))),
    PREFIX("prefix", "PREFIX", Set.of(StoreKind.S3, StoreKind.AZURE, StoreKind.GCS, StoreKind.ONELAKE),
            "Key prefix in the bucket or container (OneLake: under the item's Files/). Default: " + StoreSpec.DEFAULT_PREFIX + ".",
            true, Map.of(StoreKind.S3, List.of("DBTSTATE_S3_PREFIX"), StoreKind.AZURE, List.of("DBTSTATE_AZURE_PREFIX"),
                    StoreKind.GCS, List.of("DBTSTATE_GCS_PREFIX"), StoreKind.ONELAKE, List.of("DBTSTATE_ONELAKE_PREFIX"))),
    ENDPOINT("endpoint", "URL", Set.of(StoreKind.S3, StoreKind.AZURE, StoreKind.GCS, StoreKind.ONELAKE),
            "Service address for S3-compatible services, Azurite, a GCS emulator (sent without credentials) or OneLake."
                    + " Default: AWS S3 (or AWS_ENDPOINT_URL_S3), https://ACCOUNT.blob.core.windows.net,"
                    + " https://storage.googleapis.com, " + dev.dbtstateoss.store.OneLakeSettings.DEFAULT_ENDPOINT + ".", true,
            Map.of(StoreKind.S3, List.of("DBTSTATE_S3_ENDPOINT"), StoreKind.AZURE, List.of("DBTSTATE_AZURE_ENDPOINT"),
                    StoreKind.GCS, List.of("DBTSTATE_GCS_ENDPOINT", "STORAGE_EMULATOR_HOST"),
                    StoreKind.ONELAKE, List.of("DBTSTATE_ONELAKE_ENDPOINT"))),
    PATH_STYLE("path-style", "BOOL", Set.of(StoreKind.S3),
            "Address buckets as ENDPOINT/BUCKET (most S3-compatible services need it).", false,
            Map.of(StoreKind.S3, List.of("DBTSTATE_S3_PATH_STYLE"))),
    REGION("region", "REGION", Set.of(StoreKind.S3), "AWS region (else the AWS default chain).", true,
            Map.of(StoreKind.S3, List.of("AWS_REGION", "AWS_DEFAULT_REGION"))),
    ACCOUNT("account", "NAME", Set.of(StoreKind.AZURE), "Storage account.", false,
            Map.of(StoreKind.AZURE, List.of("DBTSTATE_AZURE_ACCOUNT"))),
    CONTAINER("container", "NAME", Set.of(StoreKind.AZURE), "Container (must exist).", false,
            Map.of(StoreKind.AZURE, List.of("DBTSTATE_AZURE_CONTAINER"))),
    CONNECTION_STRING("connection-string", "STRING", Set.of(StoreKind.AZURE),
            "Storage connection string (account, key and endpoint in one).", false,
            Map.of(StoreKind.AZURE, List.of("AZURE_STORAGE_CONNECTION_STRING"))),
    ACCOUNT_KEY("account-key", "KEY", Set.of(StoreKind.AZURE),
            "Account key. Without a key or connection string: the Azure default credential chain (az login,"
                    + " managed or workload identity).", false,
            Map.of(StoreKind.AZURE, List.of("AZURE_STORAGE_KEY"))),
    PROJECT("project", "ID", Set.of(StoreKind.GCS), "Google Cloud project (else the credentials' own).", true,
            Map.of(StoreKind.GCS, List.of("GOOGLE_CLOUD_PROJECT"))),
    WORKSPACE("workspace", "NAME", Set.of(StoreKind.ONELAKE), "Fabric workspace (name or GUID); credentials: the"
            + " Azure default chain (Entra ID).", true, Map.of(StoreKind.ONELAKE, List.of("DBTSTATE_ONELAKE_WORKSPACE"))),
    ITEM("item", "ITEM", Set.of(StoreKind.ONELAKE), "Fabric item holding the state, e.g. MyLakehouse.lakehouse (or its"
            + " GUID); keys live under ITEM/Files/PREFIX.", true, Map.of(StoreKind.ONELAKE, List.of("DBTSTATE_ONELAKE_ITEM")));

    /** The flag's name after the side's prefix ("--" or "--from-"). */
    final String flag;

    final String paramLabel;

    /** The backends that read this setting. */
    final Set<StoreKind> kinds;

    final String description;

    /**
     * Whether a blank flag counts as not given (then the variable, then the default, are used); otherwise a
     * given flag wins even when blank, as picocli's default values work.
     */
    final boolean blankFallsThrough;

    /** The environment variables read for each backend, first set wins. */
    final Map<StoreKind, List<String>> env;

    StoreSetting(String flag, String paramLabel, Set<StoreKind> kinds, String description, boolean blankFallsThrough,
            Map<StoreKind, List<String>> env) {
        this.flag = flag;
        this.paramLabel = paramLabel;
        this.kinds = kinds;
        this.description = description;
        this.blankFallsThrough = blankFallsThrough;
        this.env = env;
    }

    /** The help's tag of the backends, e.g. "[s3|azure]". */
    String tag() {
        return "[" + String.join("|", kinds.stream().sorted().map(StoreKind::label).toList()) + "]";
    }

    /** Every variable this setting reads, for the help text. */
    List<String> variables() {
        return kinds.stream().sorted().flatMap(k -> env.getOrDefault(k, List.of()).stream()).distinct().toList();
    }
}
