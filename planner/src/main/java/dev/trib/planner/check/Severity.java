package dev.trib.planner.check;

/** How bad a finding is; both make {@code trib check} exit 1, as redis-cli does for open slots. */
public enum Severity {
    WARNING,
    ERROR
}
