package dev.trib.planner.doctor;

/** Every kind of doctor finding. The names are part of the JSON API: add, never rename. */
public enum DoctorKind {
    NODE_UNREACHABLE(Topic.NODES),
    READ_FAILED(Topic.NODES),
    MIXED_VERSIONS(Topic.VERSIONS),
    SETTING_DIFFERS(Topic.SETTINGS),
    PERSISTENCE_OFF(Topic.PERSISTENCE),
    MEMORY_HIGH(Topic.MEMORY),
    REPLICA_MAXMEMORY_LOW(Topic.MEMORY),
    MASTER_WITHOUT_REPLICA(Topic.REPLICATION),
    REPLICA_LINK_DOWN(Topic.REPLICATION),
    REPLICA_LAGGING(Topic.REPLICATION),
    REPLICA_SAME_HOST(Topic.REPLICATION),
    KEYS_SAMPLED(Topic.BIG_KEYS),
    BIG_KEY_BLOCKS(Topic.BIG_KEYS),
    BIG_KEY_OVER_BULK_LIMIT(Topic.BIG_KEYS),
    BIG_KEY_OVER_REPLICA_BUFFER(Topic.BIG_KEYS),
    PERMISSION_MISSING(Topic.PERMISSIONS),
    PERMISSIONS_ALLOWED(Topic.PERMISSIONS),
    PERMISSIONS_UNCHECKED(Topic.PERMISSIONS),
    /** Stands for the findings of one kind left out beyond {@link Doctor#MAX_PER_KIND}. */
    MORE(Topic.NODES);

    private final Topic topic;

    DoctorKind(Topic topic) {
        this.topic = topic;
    }

    public Topic topic() {
        return topic;
    }
}
