package dev.trib.planner.doctor;

import java.util.Set;

/**
 * What ACL DRYRUN said on one node about one user.
 *
 * @param status  whether the user's rights could be checked
 * @param detail  why not, when not (the server's reply or version)
 * @param denied  the commands (as {@link Probe#name()}) the user may not run, when checked
 */
public record AclResult(String user, Status status, String detail, Set<String> denied) {
    public enum Status {
        /** Every probe was answered. */
        CHECKED,
        /** The server has no ACL DRYRUN (before Redis 7.0). */
        UNSUPPORTED,
        /** The connected user may not run ACL DRYRUN, or the user is unknown there. */
        REFUSED
    }

    public AclResult {
        denied = Set.copyOf(denied);
    }

    public static AclResult checked(String user, Set<String> denied) {
        return new AclResult(user, Status.CHECKED, "", denied);
    }

    public static AclResult unchecked(String user, Status status, String detail) {
        return new AclResult(user, status, detail, Set.of());
    }
}
