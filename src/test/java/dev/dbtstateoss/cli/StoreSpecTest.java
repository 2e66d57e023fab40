package dev.dbtstateoss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbtstateoss.store.SqliteStore;
import dev.dbtstateoss.store.StateStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The store flags of every side, read back into a StoreSpec with the environment passed in. */
class StoreSpecTest {
    private static StoreSpec serve(Map<String, String> env, String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve.store.spec(env);
    }

    @Test
    void variablesFillWhatTheFlagsLeaveOutAndAFlagWins() {
        StoreSpec defaults = serve(Map.of());
        assertEquals(StoreKind.LOCAL, defaults.kind());
        assertEquals(".state_data", defaults.get(StoreSetting.DIR));

        StoreSpec fromEnv = serve(Map.of("STATE_STORE", "S3", "DBTSTATE_S3_BUCKET", "b", "DBTSTATE_S3_PREFIX", "team/",
                "DBTSTATE_AZURE_PREFIX", "not-this", "AWS_DEFAULT_REGION", "eu-west-1"));
        assertEquals(StoreKind.S3, fromEnv.kind());
        assertEquals("b", fromEnv.get(StoreSetting.BUCKET));
        assertEquals("team/", fromEnv.get(StoreSetting.PREFIX));
        assertEquals("eu-west-1", fromEnv.get(StoreSetting.REGION));
        assertNull(fromEnv.get(StoreSetting.PATH_STYLE));

        StoreSpec flags = serve(Map.of("STATE_STORE", "s3", "DBTSTATE_S3_BUCKET", "b", "DBTSTATE_AZURE_PREFIX", "az/",
                "DBTSTATE_AZURE_CONTAINER", "c-env"), "--store", "azure", "--prefix", " ", "--account", "acct");
        assertEquals(StoreKind.AZURE, flags.kind());
        assertEquals("az/", flags.get(StoreSetting.PREFIX), "a blank --prefix falls through to the variable");
        assertEquals("c-env", flags.get(StoreSetting.CONTAINER));
        assertNull(flags.get(StoreSetting.BUCKET), "an s3 setting is not read for azure");
    }

    @Test
    void migrationSidesReadNoVariablesAndNameTheirFlags() {
        MigrateStoreCommand migrate = new MigrateStoreCommand();
        new CommandLine(migrate).parseArgs("--from", "s3", "--to", "azure", "--to-account", "a");
        StoreSpec from = migrate.stores.from();
        StoreSpec to = migrate.stores.to();
        assertEquals(StoreKind.S3, from.kind());
        assertEquals("dbt-state", to.get(StoreSetting.CONTAINER));
        ExitCodes.UserInputException e = assertThrows(ExitCodes.UserInputException.class, from::open);
        assertEquals("--from-bucket is required with --from s3", e.getMessage());
    }

    @Test
    void anUnknownOrUnofferedBackendIsNamed() {
        ExitCodes.UserInputException e = assertThrows(ExitCodes.UserInputException.class,
                () -> serve(Map.of("STATE_STORE", "floppy")));
        assertTrue(e.getMessage().startsWith("--store: unknown backend 'floppy'; choose local, memory, s3, azure, gcs, onelake or postgres"),
                e.getMessage());
        ReplayCommand replay = new ReplayCommand();
        new CommandLine(replay).parseArgs("--store", "s3", "x.jsonl");
        e = assertThrows(ExitCodes.UserInputException.class, () -> replay.store.spec());
        assertEquals("--store s3: this command runs on local or memory", e.getMessage());
    }

    @Test
    void theOneOpenFunctionOpensALocalDirectory(@TempDir Path dir) {
        try (StateStore s = StoreSpec.of(StoreKind.LOCAL, Map.of(StoreSetting.DIR, dir.toString())).open()) {
            assertTrue(s instanceof SqliteStore, s.describe()); // a new directory: one database file
        }
        ExitCodes.UserInputException e = assertThrows(ExitCodes.UserInputException.class,
                () -> StoreSpec.of(StoreKind.LOCAL, Map.of(StoreSetting.DIR, dir.resolve("typo").toString())).openForReading());
        assertTrue(e.getMessage().endsWith("typo: no such directory"), e.getMessage());
    }

    @Test
    void metricsLabelBackendsInLowerCase() {
        assertEquals("local", serve(Map.of("STATE_STORE", "LOCAL")).kind().label());
        assertEquals("azure", StoreKind.named(" Azure ").orElseThrow().label());
    }
}
