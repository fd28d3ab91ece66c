package dev.provably.nautilus.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The build's version, from {@code version.properties} beside a jar's class (filtered by Maven); both jars read theirs here. */
public final class Version {
    private Version() {}

    public static String of(Class<?> anchor) {
        try (InputStream in = anchor.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown (no version.properties beside " + anchor.getName() + ")";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the version", e);
        }
    }
}
