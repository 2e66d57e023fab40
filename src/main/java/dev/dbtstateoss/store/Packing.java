package dev.dbtstateoss.store;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * How a SQL store keeps a value: as it is, or deflated when that saves space. Run documents are JSON
 * that repeats the target's name and long hashes, and halve when deflated; marks and id lists are
 * too short to gain. The column {@code packed} of a row says which (1 deflated, 0 as it is).
 */
final class Packing {
    /** Values shorter than this are kept as they are. */
    static final int MIN_LENGTH = 128;

    private Packing() {}

    /** The stored form of a value and its flag. */
    record Packed(byte[] bytes, int flag) {}

    static Packed pack(byte[] value) {
        if (value.length < MIN_LENGTH) {
            return new Packed(value, 0);
        }
        Deflater d = new Deflater(Deflater.BEST_SPEED, true);
        try {
            d.setInput(value);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(value.length / 2 + 16);
            byte[] buf = new byte[Math.max(256, value.length / 2)];
            while (!d.finished()) {
                int n = d.deflate(buf);
                out.write(buf, 0, n);
                if (out.size() >= value.length) {
                    return new Packed(value, 0); // does not shrink: keep it as it is
                }
            }
            return new Packed(out.toByteArray(), 1);
        } finally {
            d.end();
        }
    }

    /**
     * Inflates values with one {@link Inflater} and one buffer, kept from value to value (for a
     * reader that reads many): no native state is made and freed per value. One thread at a time.
     */
    static final class Unpacker implements AutoCloseable {
        private Inflater inflater; // made on the first deflated value
        private byte[] buffer = new byte[4096];

        byte[] unpack(byte[] stored, int flag) {
            if (flag == 0) {
                return stored;
            }
            if (flag != 1) {
                throw new StateStore.StoreException("a value is stored in an unknown form (" + flag + ")", null);
            }
            if (inflater == null) {
                inflater = new Inflater(true);
            }
            inflater.reset();
            inflater.setInput(stored);
            int length = 0;
            try {
                while (!inflater.finished()) {
                    if (length == buffer.length) {
                        buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
                    }
                    int n = inflater.inflate(buffer, length, buffer.length - length);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        throw new StateStore.StoreException("a stored value is cut short (its deflated form ends early)", null);
                    }
                    length += n;
                }
            } catch (DataFormatException e) {
                throw new StateStore.StoreException("a stored value cannot be inflated: " + e.getMessage(), e);
            }
            return java.util.Arrays.copyOf(buffer, length);
        }

        @Override
        public void close() {
            if (inflater != null) {
                inflater.end();
            }
        }
    }
}
