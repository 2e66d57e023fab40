package dev.dbtstateoss.cli;

import picocli.CommandLine.Option;

/** {@code --format} of the inspect verbs, declared once: table (for people) or json. */
final class TableFormatOption {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", converter = OutputFormat.TableOrJson.class,
            description = "table or json. Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    boolean json() {
        return format == OutputFormat.JSON;
    }
}
