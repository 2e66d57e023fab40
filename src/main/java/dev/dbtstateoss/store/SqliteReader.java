package dev.dbtstateoss.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A reading connection of a {@link SqliteStore} and the statements it has prepared, kept for the
 * next read (preparing costs SQLite a parse of the statement each time), and its inflater. Used by
 * one thread at a time.
 */
final class SqliteReader implements AutoCloseable {
    private final Connection connection;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    private final Packing.Unpacker unpacker = new Packing.Unpacker();

    SqliteReader(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    /** Inflates what this reader reads. */
    Packing.Unpacker unpacker() {
        return unpacker;
    }

    /** The statement of {@code sql}, prepared on first use. */
    PreparedStatement prepared(String sql) throws SQLException {
        PreparedStatement s = prepared.get(sql);
        if (s == null) {
            s = connection.prepareStatement(sql);
            prepared.put(sql, s);
        }
        return s;
    }

    @Override
    public void close() {
        for (PreparedStatement s : prepared.values()) {
            try {
                s.close();
            } catch (SQLException ignored) {
                // closing on exit; the connection's close frees it too
            }
        }
        SqliteStore.closeQuietly(connection);
        unpacker.close();
    }
}
