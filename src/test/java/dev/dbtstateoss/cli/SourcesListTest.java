package dev.dbtstateoss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** jbang compiles only what //SOURCES lists: every file under src/main and src/generated must be there. */
class SourcesListTest {
    static final Path ROOT = Path.of(System.getenv().getOrDefault("DBTSTATE_REPO", "."));

    @Test
    void everySourceFileIsListedInTheEntryPoint() throws IOException {
        TreeSet<String> onDisk = new TreeSet<>();
        for (String dir : List.of("src/main/java", "src/generated/java")) {
            try (Stream<Path> walk = Files.walk(ROOT.resolve(dir))) {
                walk.filter(p -> p.toString().endsWith(".java"))
                        .forEach(p -> onDisk.add(ROOT.relativize(p).toString().replace('\\', '/')));
            }
        }
        TreeSet<String> listed = new TreeSet<>();
        for (String line : Files.readAllLines(ROOT.resolve("DbtStateOss.java"))) {
            if (line.startsWith("//SOURCES ")) {
                listed.add(line.substring("//SOURCES ".length()).trim());
            }
        }
        assertTrue(onDisk.size() > 100, "expected the generated protocol code and our sources, found " + onDisk.size());
        TreeSet<String> missing = new TreeSet<>(onDisk);
        missing.removeAll(listed);
        TreeSet<String> stale = new TreeSet<>(listed);
        stale.removeAll(onDisk);
        assertEquals(List.of(), List.copyOf(missing), "not in //SOURCES of DbtStateOss.java (run scripts/sync-sources)");
        assertEquals(List.of(), List.copyOf(stale), "listed in //SOURCES but not on disk (run scripts/sync-sources)");
    }
}
