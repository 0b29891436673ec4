package dev.trib.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (set by the build), or "dev" when run from classes. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Trib.class.getPackage().getImplementationVersion();
        return new String[] {"trib " + (v == null ? "dev" : v)};
    }
}
