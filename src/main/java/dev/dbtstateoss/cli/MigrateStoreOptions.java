package dev.dbtstateoss.cli;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * The two stores of {@code migrate-store}: the settings of {@link StoreOptions}, spelled {@code --from-...}
 * and {@code --to-...}. They take no environment variables, so that the two sides never share one by
 * accident; credentials come from these flags or the default AWS and Azure chains.
 */
@Command(modelTransformer = MigrateStoreOptions.class)
final class MigrateStoreOptions extends StoreFlags {
    static final StoreSide FROM = side("from", "Source");

    static final StoreSide TO = side("to", "Destination");

    private static StoreSide side(String name, String role) {
        String kindFlag = "--" + name;
        // A migration is a batch job: a busy service gets more time than a decision would.
        return new StoreSide(new StoreSpec.Flags(kindFlag + "-", kindFlag, false), EnumSet.allOf(StoreKind.class), null,
                role + " backend: local, memory, s3, azure, gcs or onelake.", Map.of(StoreSetting.CONTAINER, "dbt-state"),
                Map.of(StoreSetting.DIR, "Directory (required with " + kindFlag + " local)."),
                Duration.ofSeconds(15), Duration.ofSeconds(120));
    }

    @Override
    List<StoreSide> sides() {
        return List.of(FROM, TO);
    }

    StoreSpec from() {
        return FROM.spec(command, Map.of());
    }

    StoreSpec to() {
        return TO.spec(command, Map.of());
    }
}
