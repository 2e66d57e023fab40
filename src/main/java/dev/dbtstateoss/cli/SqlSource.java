package dev.dbtstateoss.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL a file stands for: the file itself when it is compiled SQL, or, for a dbt model that
 * still holds Jinja, its compiled twin under the project's {@code target/compiled/}.
 *
 * @param note what was read, when it is not the file itself (shown to the user), else null
 */
record SqlSource(Path file, String sql, String note) {
    private static final Pattern JINJA = Pattern.compile("\\{\\{|\\{%");
    private static final Pattern NAME = Pattern.compile("(?m)^name:\\s*['\"]?([A-Za-z0-9_]+)['\"]?\\s*$");

    static SqlSource read(Path file, Path projectDir) {
        String text = text(file);
        if (!JINJA.matcher(text).find()) {
            return new SqlSource(file, text, null);
        }
        Optional<Path> root = projectDir != null ? Optional.of(projectDir) : projectRoot(file);
        if (root.isEmpty() || !Files.isRegularFile(root.get().resolve("dbt_project.yml"))) {
            throw new ExitCodes.UserInputException(file + ": holds Jinja and no dbt project was found around it;"
                    + " pass the compiled SQL, or --project-dir DIR");
        }
        Matcher m = NAME.matcher(text(root.get().resolve("dbt_project.yml")));
        Path relative = root.get().toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        Path compiled = m.find() ? root.get().resolve("target/compiled").resolve(m.group(1)).resolve(relative) : null;
        if (compiled == null || !Files.isRegularFile(compiled)) {
            throw new ExitCodes.UserInputException(file + ": holds Jinja and has no compiled SQL yet"
                    + (compiled == null ? "" : " (" + compiled + ")") + "; run `dbt compile` in " + root.get());
        }
        return new SqlSource(file, text(compiled), "using the compiled SQL " + compiled);
    }

    private static Optional<Path> projectRoot(Path file) {
        for (Path dir = file.toAbsolutePath().normalize().getParent(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("dbt_project.yml"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static String text(Path file) {
        try {
            String sql = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            if (sql.isBlank()) {
                throw new ExitCodes.UserInputException(file + ": the file is empty");
            }
            if (sql.indexOf('\0') >= 0) {
                throw new ExitCodes.UserInputException(file + ": not a text file");
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
