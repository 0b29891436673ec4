package dev.trib.planner.doctor;

/** How bad a doctor finding is: errors and warnings make {@code trib doctor} exit 1, infos do not. */
public enum Severity {
    ERROR,
    WARNING,
    INFO
}
