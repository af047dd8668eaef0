package io.github.drydock.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version {@code --version} prints: the jar manifest's {@code Implementation-Version}, else the
 * {@code pom.properties} Maven puts in every jar it builds, else {@code dev} (running from classes).
 */
public final class Version implements IVersionProvider {
    private static final String POM_PROPERTIES = "/META-INF/maven/io.github.drydock/drydock/pom.properties";
    private static final String FALLBACK = "dev";

    /**
     * @return the version of the running drydock
     */
    public static String current() {
        String fromManifest = Version.class.getPackage().getImplementationVersion();
        if (fromManifest != null && !fromManifest.isBlank()) {
            return fromManifest;
        }
        try (InputStream in = Version.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null && !version.isBlank()) {
                    return version;
                }
            }
        } catch (IOException e) {
            // An unreadable resource only costs the version string.
            return FALLBACK;
        }
        return FALLBACK;
    }

    /** @return {@code drydock <version>} */
    @Override
    public String[] getVersion() {
        return new String[] {"drydock " + current()};
    }
}
