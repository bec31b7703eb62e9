package dev.chat.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables a service reads, from its application.properties: each {@code ${NAME}} or
 * {@code ${NAME:default}} placeholder, and the environment form of each property it sets (Quarkus reads
 * {@code quarkus.datasource.reactive.url} from {@code QUARKUS_DATASOURCE_REACTIVE_URL} too). Profile lines
 * ({@code %dev.}, {@code %test.}) do not count: a cluster runs the prod profile. And the infrastructure settings the
 * README's configuration table lists for the service (Kafka's, the database's and Redis' addresses): standard Quarkus
 * names with no default, each required.
 */
record ServiceSettings(Set<String> readable, Set<String> required) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");

    static ServiceSettings of(String service) {
        Path file = Overlays.REPOSITORY.resolve(service).resolve("src/main/resources/application.properties");
        Set<String> readable = new TreeSet<>();
        Set<String> required = new TreeSet<>();
        for (String line : logicalLines(file)) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("!") || line.startsWith("%")) {
                continue;
            }
            int separator = line.indexOf('=');
            if (separator < 0) {
                continue;
            }
            readable.add(environmentForm(line.substring(0, separator).trim()));
            Matcher placeholder = PLACEHOLDER.matcher(line.substring(separator + 1));
            while (placeholder.find()) {
                readable.add(placeholder.group(1));
                if (placeholder.group(2) == null) {
                    required.add(placeholder.group(1));
                }
            }
        }
        Set<String> infrastructure = infrastructureSettings(service);
        readable.addAll(infrastructure);
        required.addAll(infrastructure);
        return new ServiceSettings(readable, required);
    }

    /** The rows of the README's table of infrastructure settings that name {@code service} (or "all"). */
    static Set<String> infrastructureSettings(String service) {
        String shortName = service.replace("-service", "");
        Set<String> settings = new TreeSet<>();
        boolean inTable = false;
        try {
            for (String line : Files.readAllLines(Overlays.REPOSITORY.resolve("README.md"))) {
                if (line.startsWith("The services read standard Quarkus configuration")) {
                    inTable = true;
                } else if (inTable && line.startsWith("The service settings.")) {
                    break;
                } else if (inTable && line.startsWith("| `")) {
                    String[] cells = line.split("\\|");
                    String services = cells[2].trim();
                    if ("all".equals(services) || List.of(services.split(",\\s*")).contains(shortName)) {
                        Matcher name = Pattern.compile("`([A-Z_]+)`").matcher(cells[1]);
                        while (name.find()) {
                            settings.add(name.group(1));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (settings.isEmpty()) {
            throw new IllegalStateException("the README's table of infrastructure settings names nothing for " + service);
        }
        return settings;
    }

    /** What MicroProfile Config's environment source maps a property name to. */
    static String environmentForm(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static List<String> logicalLines(Path file) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        try {
            for (String raw : Files.readAllLines(file)) {
                String line = raw.strip();
                if (line.endsWith("\\") && !line.startsWith("#")) {
                    current.append(line, 0, line.length() - 1);
                    continue;
                }
                current.append(line);
                lines.add(current.toString());
                current.setLength(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
