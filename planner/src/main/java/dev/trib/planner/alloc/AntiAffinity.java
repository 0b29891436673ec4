package dev.trib.planner.alloc;

/**
 * How badly a plan puts eggs in one basket; lower is better, 0 is perfect.
 *
 * @param replicasOnMasterHost    replicas that share a host with their own master (each costs {@value #SAME_HOST_AS_MASTER})
 * @param replicaPairsSharingHost pairs of replicas of one master that share a host (each costs 1)
 */
public record AntiAffinity(int replicasOnMasterHost, int replicaPairsSharingHost) {
    public static final int SAME_HOST_AS_MASTER = 10_000;
    public static final AntiAffinity PERFECT = new AntiAffinity(0, 0);

    public AntiAffinity {
        if (replicasOnMasterHost < 0 || replicaPairsSharingHost < 0) {
            throw new IllegalArgumentException("negative anti-affinity counts");
        }
    }

    public long score() {
        return (long) SAME_HOST_AS_MASTER * replicasOnMasterHost + replicaPairsSharingHost;
    }

    public boolean isPerfect() {
        return replicasOnMasterHost == 0 && replicaPairsSharingHost == 0;
    }

    AntiAffinity plus(AntiAffinity other) {
        return new AntiAffinity(replicasOnMasterHost + other.replicasOnMasterHost,
                replicaPairsSharingHost + other.replicaPairsSharingHost);
    }
}
