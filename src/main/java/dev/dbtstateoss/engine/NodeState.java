package dev.dbtstateoss.engine;

/** The dbt node's identity and md5 hashes as the client sends them (empty strings when absent). */
public record NodeState(
        String nodeUniqueId,
        String targetName,
        String projectName,
        String resourceType,
        String nodeHash,
        String bodyHash,
        String configsHash,
        String persistedDescriptionsHash,
        String macrosHash,
        String contractHash,
        String profileName) {

    public static final NodeState EMPTY = new NodeState("", "", "", "", "", "", "", "", "", "", "");
}
