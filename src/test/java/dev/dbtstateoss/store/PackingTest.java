package dev.dbtstateoss.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

public class PackingTest {
    @Test
    void oneUnpackerReadsValuesOfEverySizeInTurn() {
        Random random = new Random(7);
        try (Packing.Unpacker u = new Packing.Unpacker()) {
            for (int size : new int[] {0, 5, 127, 128, 300, 4096, 5000, 70_000, 200, 1_000_000}) {
                byte[] value = new byte[size];
                for (int i = 0; i < size; i++) {
                    value[i] = (byte) "{\"id\": \"abc\", \"inputs\": 12345}".charAt(random.nextInt(30));
                }
                Packing.Packed p = Packing.pack(value);
                assertEquals(size >= Packing.MIN_LENGTH ? 1 : 0, p.flag(), "size " + size);
                assertArrayEquals(value, u.unpack(p.bytes(), p.flag()), "size " + size);
            }
        }
    }

    @Test
    void aCutOrUnknownValueIsAStoreErrorNotGarbage() {
        byte[] value = "x".repeat(1000).getBytes(StandardCharsets.UTF_8);
        Packing.Packed p = Packing.pack(value);
        try (Packing.Unpacker u = new Packing.Unpacker()) {
            assertThrows(StateStore.StoreException.class, () -> u.unpack(Arrays.copyOf(p.bytes(), p.bytes().length / 2), 1));
            assertThrows(StateStore.StoreException.class, () -> u.unpack(p.bytes(), 2));
            assertArrayEquals(value, u.unpack(p.bytes(), 1), "the unpacker still works after a failure");
        }
    }
}
