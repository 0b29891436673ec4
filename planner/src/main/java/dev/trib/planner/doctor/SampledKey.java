package dev.trib.planner.doctor;

/** A key found by the sample, with its MEMORY USAGE in bytes and its slot. */
public record SampledKey(String name, long bytes, int slot) {
}
