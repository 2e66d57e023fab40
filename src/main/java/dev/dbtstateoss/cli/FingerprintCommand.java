package dev.dbtstateoss.cli;

import dev.dbtstateoss.engine.Fingerprint;
import dev.dbtstateoss.engine.Fingerprinter;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fingerprint FILE.sql}: what the server computes for a piece of SQL. */
@Command(
        name = "fingerprint",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Print the normalized SQL and hash the server compares between runs of a model.",
            "Two files with the same hash count as the same query (comments, white space and keyword case"
                    + " do not matter)."
        })
public final class FingerprintCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE.sql", description = "Compiled SQL (e.g. from target/compiled/...).")
    Path file;

    @Override
    public Integer call() {
        String sql = readSql(file);
        Fingerprint fp = new Fingerprinter(1).of(sql);
        var out = spec.commandLine().getOut();
        out.println("file: " + file);
        out.println("hash: " + fp.hash());
        Fingerprinter.Rendering shown = Fingerprinter.render(sql);
        out.println("parsed: " + (shown.parsed() ? "yes (JSqlParser)" : "no; shown as normalized tokens"));
        out.println("normalized SQL:");
        out.println(shown.sql());
        return ExitCodes.OK;
    }

    static String readSql(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String sql = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            if (sql.isBlank()) {
                throw new ExitCodes.UserInputException(file + ": the file is empty");
            }
            return sql;
        } catch (NoSuchFileException e) {
            throw new ExitCodes.UserInputException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new ExitCodes.UserInputException(file + ": not a UTF-8 text file");
        } catch (IOException e) {
            throw new ExitCodes.UserInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
