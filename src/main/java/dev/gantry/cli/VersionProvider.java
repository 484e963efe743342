package dev.gantry.cli;

import picocli.CommandLine;

/** The version from the jar's manifest, so it never disagrees with the build. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override public String[] getVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[]{"gantry " + (v == null ? "dev" : v) + " (spec version 1, Java " + System.getProperty("java.version") + ")"};
    }
}
