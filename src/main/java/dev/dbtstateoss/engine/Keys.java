package dev.dbtstateoss.engine;

/** How runs are keyed: a target relation, or a data test by its node. */
public final class Keys {
    private Keys() {}

    /** Models, snapshots and seeds: the relation they build, within the warehouse namespace. */
    public static String target(String namespace, String targetTable) {
        return "table|" + namespace + "|" + targetTable;
    }

    /**
     * Data tests have no relation: they are keyed by the dbt node and the dbt target (environment) they
     * run in, so dev and prod runs of one test keep separate histories.
     */
    public static String dataTest(String namespace, NodeState node, String nodeId) {
        return "test|" + namespace + "|" + node.profileName() + "|" + node.targetName() + "|" + nodeId;
    }
}
