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
     * Data tests have no relation: they are keyed by the dbt node and the dbt target (environment) they
     * run in, so dev and prod runs of one test keep separate histories.
     */
    public static String dataTest(String namespace, NodeState node, String nodeId) {
        return "test|" + namespace + "|" + node.profileName() + "|" + node.targetName() + "|" + nodeId;
    }
}
