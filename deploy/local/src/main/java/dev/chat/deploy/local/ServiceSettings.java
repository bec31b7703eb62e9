package dev.chat.deploy.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A service's settings as environment variables: how secrets reach a service process (never its command line,
 * which {@code ps} shows to everyone) and how {@code ./run-local --infra-only} hands them to a service run with
 * {@code quarkus:dev}.
 */
public final class ServiceSettings {

    /** The gateway's setting for chat-service's HTTP port, where uploads' bytes go (never through Kafka). */
    public static final String CHAT_SERVICE_URL = "chat.gateway.attachments.chat-service-url";

    private ServiceSettings() {
    }

    /** The environment variable Quarkus reads for a property: non-alphanumerics to '_', upper case. */
    public static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** A setting that must not appear on a command line. */
    static boolean isSecret(String property) {
        String name = property.toLowerCase(Locale.ROOT);
        return name.contains("password") || name.contains("secret");
    }

    /** Writes {@code export NAME='value'} lines, readable by the owner only, for {@code source}. */
    static Path writeEnvFile(Path file, Map<String, String> config) throws IOException {
        StringBuilder lines = new StringBuilder();
        new TreeMap<>(config).forEach((property, value) -> lines.append("export ").append(envName(property)).append("='")
                .append(value.replace("'", "'\\''")).append("'\n"));
        Files.createDirectories(file.getParent());
        Files.writeString(file, lines);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the data folder's own permissions are all there is
        }
        return file;
    }
}
