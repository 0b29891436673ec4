package dev.trib.planner.doctor;

/**
 * A replica's side of its replication link (INFO replication).
 *
 * @param up               {@code master_link_status:up}
 * @param syncing          {@code master_sync_in_progress:1}: a full sync is under way
 * @param downSinceSeconds {@code master_link_down_since_seconds} (-1 when up or unknown)
 */
public record ReplicaLink(boolean up, boolean syncing, long downSinceSeconds) {
}
