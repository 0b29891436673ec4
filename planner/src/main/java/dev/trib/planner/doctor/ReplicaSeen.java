package dev.trib.planner.doctor;

import dev.trib.planner.topology.HostAndPort;

/**
 * A replica as its master lists it in INFO replication ({@code slaveN:ip=..,port=..,state=..,offset=..,lag=..}).
 *
 * @param state      online, wait_bgsave, send_bulk...: anything but online is a sync under way
 * @param lagSeconds seconds since the replica last acknowledged (it does every second)
 */
public record ReplicaSeen(HostAndPort address, String state, long offset, long lagSeconds) {
}
