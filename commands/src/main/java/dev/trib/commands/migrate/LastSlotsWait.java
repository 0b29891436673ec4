package dev.trib.commands.migrate;

import java.util.Set;

/**
 * What the engine waits for before a source gives up its last slots: every node knowing where its other slots
 * went. Given up entirely, a Redis 7.0 master turns into a replica of the node taking its last slot, and from then
 * on its messages carry that node's epoch, the newest of the run. A node that still believes the old master owns
 * an earlier slot takes that epoch for the old master's claim (the header is read before the change of role, and
 * for UPDATE messages the role is not read at all) and tells the slot's new owner, whose epoch is lower, to give
 * it back: the new owner drops the slot and deletes its keys, and once the old master's role is known nobody owns
 * it. A drain of one master of 250 whose last 30 slots were closed at once lost one slot and its 9 keys that way.
 */
@FunctionalInterface
public interface LastSlotsWait {
    /** No wait: for runs that never empty a source (fix's moves). */
    LastSlotsWait NONE = (sourceId, keeps) -> {
    };

    /**
     * Returns once no reachable node believes {@code sourceId} owns a slot outside {@code keeps}, the slots it gives
     * up last; throws when it gives up waiting, and the engine then leaves those last slots open for a resume.
     */
    void await(String sourceId, Set<Integer> keeps);
}
