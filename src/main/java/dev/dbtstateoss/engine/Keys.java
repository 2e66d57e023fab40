package dev.dbtstateoss.engine;

/** How runs are keyed: a target relation, or a data test by its node. */
public final class Keys {
    private Keys() {}

    /** Models, snapshots and seeds: the relation they build, within the warehouse namespace. */
    public static String target(String namespace, String targetTable) {
        return "table|" + namespace + "|" + targetTable;
    }

    /** The key of {@code otherTable} in the namespace of {@code targetKey} (a {@link #target} key). */
    public static String sibling(String targetKey, String otherTable) {
        int end = targetKey.indexOf('|', "table|".length());
        return targetKey.substring(0, end + 1) + otherTable;
    }

    /**
     * Data tests have no relation: they are keyed by the dbt node, the dbt target (environment) they
     * run in, and the relations they read, so dev and prod runs of one test keep separate histories,
     * and so do two copies of one project (the same node ids) whose tests read other schemas.
     */
    public static String dataTest(String namespace, NodeState node, String nodeId, java.util.Set<String> reads) {
        return "test|" + namespace + "|" + node.profileName() + "|" + node.targetName() + "|" + nodeId + "|"
                + Fingerprinter.sha256(String.join("\n", new java.util.TreeSet<>(reads))).substring(0, 32);
    }
}
