package dev.dbtstateoss.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The store backends a command can open, by the name {@code --store} (and its variables) spell them. */
public enum StoreKind {
    LOCAL,
    MEMORY,
    S3,
    AZURE,
    GCS,
    ONELAKE;

    /** The name as users spell it, and as metrics label it: lower case, from this bounded set. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind a user's word names (any case, surrounding blanks ignored), if any. */
    public static Optional<StoreKind> named(String word) {
        String w = word == null ? "" : word.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.label().equals(w)).findFirst();
    }

    /** "local, memory, s3 or azure" for messages. */
    static String choices(java.util.Collection<StoreKind> kinds) {
        String all = kinds.stream().map(StoreKind::label).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return last < 0 ? all : all.substring(0, last) + " or " + all.substring(last + 2);
    }
}
