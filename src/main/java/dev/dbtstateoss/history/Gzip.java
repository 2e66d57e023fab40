package dev.dbtstateoss.history;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Compression of documents that repeat themselves (batches of explanations). */
final class Gzip {
    private Gzip() {}

    /** Gzip at the fastest level: the documents repeat enough that it costs little in size. */
    private static final class Fast extends GZIPOutputStream {
        Fast(OutputStream out) throws IOException {
            super(out);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    /** The value gzip-compressed at the fastest level. */
    static byte[] pack(byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length / 4 + 64);
        try (GZIPOutputStream gz = new Fast(out)) {
            gz.write(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The value unpacked; a value that is not gzip (written before compression) as it is. */
    static byte[] unpack(byte[] value) {
        if (value.length < 2 || (value[0] & 0xff) != 0x1f || (value[1] & 0xff) != 0x8b) {
            return value;
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(value))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
