package dev.dbtstateoss.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** How commands print {@code --format json}: indented, names and SQL left as they are. */
final class JsonOutput {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private JsonOutput() {}

    static String of(Object value) {
        return GSON.toJson(value);
    }
}
