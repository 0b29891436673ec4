package dev.trib.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The release version (the pom's, the one place it is kept) and the commit the build was made from, read from
 * build.properties, which the build writes. "dev" when run from classes no build wrote it for.
 */
public final class VersionProvider implements IVersionProvider {
    static final String RESOURCE = "build.properties";

    @Override
    public String[] getVersion() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // reported as "dev" below
        }
        String version = p.getProperty("version", "dev");
        String commit = p.getProperty("commit", "unknown");
        return new String[] {"trib " + version + " (commit " + commit + ")"};
    }
}
