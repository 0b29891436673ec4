package dev.trib.planner.doctor;

/** The sections of a doctor report, in the order they are printed. */
public enum Topic {
    NODES("Nodes"),
    VERSIONS("Server versions"),
    SETTINGS("Settings that should agree"),
    PERSISTENCE("Persistence"),
    MEMORY("Memory headroom"),
    REPLICATION("Replication"),
    BIG_KEYS("Big keys"),
    PERMISSIONS("Permissions");

    private final String title;

    Topic(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
