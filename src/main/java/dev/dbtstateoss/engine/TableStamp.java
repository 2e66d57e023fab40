package dev.dbtstateoss.engine;

/**
 * A relation as the client saw it: its quoted name and its last modification in epoch
 * milliseconds, or {@code null} when the client could not read one (missing or empty table).
 */
public record TableStamp(String name, Long lastModifiedMs) {}
