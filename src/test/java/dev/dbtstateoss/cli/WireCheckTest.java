package dev.dbtstateoss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/check-wire must catch a changed field number (the script itself runs in CI on proto/). */
@Tag("slow") // starts processes or servers: left out by scripts/test --fast
class WireCheckTest {
    @Test
    void aChangedFieldNumberIsReported(@TempDir Path dir) throws Exception {
        Path root = SourcesListTest.ROOT.toAbsolutePath();
        Path copy = dir.resolve("proto");
        try (Stream<Path> files = Files.walk(root.resolve("proto"))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = copy.resolve(root.resolve("proto").relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        Path sql = copy.resolve("query_cache_protobuf/query_cache/services/sql_service.proto");
        String text = Files.readString(sql);
        assertTrue(text.contains("string values_hash = 4;"));
        Files.writeString(sql, text.replace("string values_hash = 4;", "string values_hash = 40;"));

        Process p = new ProcessBuilder("bash", root.resolve("scripts/check-wire").toString(), "--proto-dir", copy.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        int code = p.waitFor();
        assertEquals(1, code, output);
        assertTrue(output.contains("values_hash") && output.contains("40"), output);
        assertTrue(output.strip().endsWith("check-wire: 1 differences"), output);
    }
}
