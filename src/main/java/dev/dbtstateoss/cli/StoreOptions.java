package dev.dbtstateoss.cli;

import dev.dbtstateoss.store.S3Settings;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * Which store to use; shared by every command that reads or writes state ({@code --store}, {@code --dir},
 * {@code --bucket}, ..., from {@link StoreSetting}). Flag names and environment variables are those of the
 * Python dbt-state-oss server where it has them; a flag wins over its variable.
 */
@Command(modelTransformer = StoreOptions.class)
public final class StoreOptions extends StoreFlags {
    static final StoreSide SIDE = new StoreSide(StoreSpec.Flags.PLAIN, EnumSet.allOf(StoreKind.class), "local",
            "State backend: local (a database file in a directory), memory (lost on exit), s3, azure, gcs, onelake or"
                    + " postgres. Default: local (env "
                    + StoreSide.KIND_VARIABLE + ").",
            Map.of(StoreSetting.DIR, ".state_data", StoreSetting.CONTAINER, "dbt-state"), Map.of(StoreSetting.DIR,
                    "Directory of the store: its database is DIR/state.db (a directory of an earlier release, one file per"
                            + " key, is upgraded once with migrate-store)."),
            S3Settings.DEFAULT_ATTEMPT_TIMEOUT, S3Settings.DEFAULT_RETRY_BUDGET);

    @Override
    List<StoreSide> sides() {
        return List.of(SIDE);
    }

    /** The store the flags and the process's environment name. */
    public StoreSpec spec() {
        return spec(System.getenv());
    }

    /** The store the flags name, with variables read from {@code env}. */
    public StoreSpec spec(Map<String, String> env) {
        return SIDE.spec(command, env);
    }
}
