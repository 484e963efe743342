package dev.gantry.cli.command;

import picocli.CommandLine;

/** The version from the jar's manifest, so it never disagrees with the build. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override public String[] getVersion() { return new String[]{text()}; }

    public static String text() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return "gantry " + (v == null ? "dev" : v) + " (spec version 1, Java " + System.getProperty("java.version") + ")";
    }

    /**
     * {@code gantry --version} alone: answered before picocli is even loaded (picocli would print
     * the same line, from this class).
     */
    public static boolean asked(String... args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }
}
