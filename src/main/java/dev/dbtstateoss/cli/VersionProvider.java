package dev.dbtstateoss.cli;

import picocli.CommandLine;

/** Version shown by {@code --version} on every command. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    public static final String VERSION = "0.1.0-dev";

    @Override
    public String[] getVersion() {
        return new String[] {
            "dbt-state-oss " + VERSION,
            "wire protocol: query-cache-protobuf 2.7.0 (com.fivetran.query_cache)",
            "java " + System.getProperty("java.version")
        };
    }
}
