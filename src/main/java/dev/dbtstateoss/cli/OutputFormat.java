package dev.dbtstateoss.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How a verb prints, as {@code --format} names it (any case): for people (a table or text), or JSON for scripts. */
enum OutputFormat {
    TABLE,
    TEXT,
    JSON;

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static OutputFormat of(String value, OutputFormat human) {
        String w = value.strip().toLowerCase(Locale.ROOT);
        if (w.equals(JSON.word())) {
            return JSON;
        }
        if (w.equals(human.word())) {
            return human;
        }
        throw new TypeConversionException("'" + value + "': choose " + human.word() + " or json");
    }

    /** The inspect verbs' words: table or json. */
    static final class TableOrJson implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            return of(value, TABLE);
        }
    }

    /** replay's and fingerprint's words: text or json. */
    static final class TextOrJson implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            return of(value, TEXT);
        }
    }
}
