package dev.dbtstateoss.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The statements of a key-to-value table with a version column, shared by the SQL stores: one
 * conditional statement per write (insert-if-absent, update-where-version, delete-where-version),
 * so the database decides each condition atomically. A version is a number that never repeats in
 * the table (deleted and re-created keys get new ones).
 *
 * @param table the table's (possibly schema-qualified) name
 * @param newVersion the SQL for a new version ({@code ?} when {@code versions} binds it)
 * @param versions supplies new versions when {@code newVersion} is {@code ?}; null otherwise
 * @param packs whether the table has the column {@code packed} and values are kept as {@link Packing} says
 */
record BlobTable(String table, String newVersion, LongSupplier versions, boolean packs) {

    Optional<StateStore.Blob> read(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(readSql()); Packing.Unpacker u = new Packing.Unpacker()) {
            return read(s, key, u);
        }
    }

    /** The statement {@link #read(PreparedStatement, String)} runs. */
    String readSql() {
        return "SELECT value, version" + packedColumn() + " FROM " + table + " WHERE key = ?";
    }

    /**
     * {@link #read(Connection, String)} with a statement of {@link #readSql} (left open, e.g. to run
     * again), inflating with {@code unpacker}.
     */
    Optional<StateStore.Blob> read(PreparedStatement s, String key, Packing.Unpacker unpacker) throws SQLException {
        s.setString(1, key);
        try (ResultSet r = s.executeQuery()) {
            return r.next() ? Optional.of(new StateStore.Blob(value(r, unpacker), Long.toString(r.getLong(2)))) : Optional.empty();
        }
    }

    Optional<byte[]> readValue(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(readValueSql()); Packing.Unpacker u = new Packing.Unpacker()) {
            return readValue(s, key, u);
        }
    }

    /** The statement {@link #readValue(PreparedStatement, String)} runs. */
    String readValueSql() {
        return "SELECT value, 0" + packedColumn() + " FROM " + table + " WHERE key = ?";
    }

    /**
     * {@link #readValue(Connection, String)} with a statement of {@link #readValueSql} (left open, e.g.
     * to run again), inflating with {@code unpacker}.
     */
    Optional<byte[]> readValue(PreparedStatement s, String key, Packing.Unpacker unpacker) throws SQLException {
        s.setString(1, key);
        try (ResultSet r = s.executeQuery()) {
            return r.next() ? Optional.of(value(r, unpacker)) : Optional.empty();
        }
    }

    private String packedColumn() {
        return packs ? ", packed" : "";
    }

    /** A value as this table keeps it. */
    private Packing.Packed stored(byte[] value) {
        return packs ? Packing.pack(value) : new Packing.Packed(value, 0);
    }

    /** The value of a row read with {@link #packedColumn} third. */
    private byte[] value(ResultSet r, Packing.Unpacker unpacker) throws SQLException {
        return packs ? unpacker.unpack(r.getBytes(1), r.getInt(3)) : r.getBytes(1);
    }

    /**
     * Keys under a prefix, in order, by a range on the primary key ({@code prefix <= key < next}) rather
     * than a pattern, so no character of the prefix needs escaping.
     */
    List<String> list(Connection c, String prefix) throws SQLException {
        String sql = "SELECT key FROM " + table + (prefix.isEmpty() ? "" : " WHERE key >= ? AND key < ?") + " ORDER BY key";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (!prefix.isEmpty()) {
                s.setString(1, prefix);
                s.setString(2, prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1));
            }
            List<String> keys = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    keys.add(r.getString(1));
                }
            }
            return keys;
        }
    }

    /** Applies one write; false when its condition does not hold (nothing is changed then). */
    boolean apply(Connection c, AtomicBatches.Write write) throws SQLException {
        if (write instanceof AtomicBatches.CreateIfAbsent w) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (key, value, version" + packedColumn()
                    + ") VALUES (?, ?, " + newVersion + (packs ? ", ?" : "") + ") ON CONFLICT (key) DO NOTHING")) {
                Packing.Packed v = stored(w.value());
                s.setString(1, w.key());
                s.setBytes(2, v.bytes());
                int i = bindVersion(s, 3);
                if (packs) {
                    s.setInt(i, v.flag());
                }
                return s.executeUpdate() == 1;
            }
        }
        if (write instanceof AtomicBatches.ReplaceIfVersion w) {
            Long expected = parse(w.expectedVersion());
            if (expected == null) {
                return false;
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET value = ?, version = " + newVersion
                    + (packs ? ", packed = ?" : "") + " WHERE key = ? AND version = ?")) {
                Packing.Packed v = stored(w.value());
                s.setBytes(1, v.bytes());
                int i = bindVersion(s, 2);
                if (packs) {
                    s.setInt(i++, v.flag());
                }
                s.setString(i, w.key());
                s.setLong(i + 1, expected);
                return s.executeUpdate() == 1;
            }
        }
        AtomicBatches.DeleteIfVersion w = (AtomicBatches.DeleteIfVersion) write;
        Long expected = parse(w.expectedVersion());
        if (expected == null) {
            return false;
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE key = ? AND version = ?")) {
            s.setString(1, w.key());
            s.setLong(2, expected);
            return s.executeUpdate() == 1;
        }
    }

    /** Binds a new version at {@code index} when this table's versions are bound; the next index. */
    private int bindVersion(PreparedStatement s, int index) throws SQLException {
        if (versions == null) {
            return index;
        }
        s.setLong(index, versions.getAsLong());
        return index + 1;
    }

    private static Long parse(String version) {
        try {
            return version == null ? null : Long.parseLong(version);
        } catch (NumberFormatException e) {
            return null; // not a version this table ever handed out: the condition does not hold
        }
    }
}
