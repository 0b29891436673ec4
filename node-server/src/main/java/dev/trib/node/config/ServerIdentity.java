package dev.trib.node.config;

/** What the node tells clients it is: the Redis release whose behaviour it reproduces. */
public final class ServerIdentity {
    public static final String REDIS_VERSION = "7.0.15";
    /** INFO's redis_version; tools compare it numerically, so it must stay a plain Redis version. */
    public static final String INFO_VERSION = REDIS_VERSION;

    private ServerIdentity() {
    }
}
