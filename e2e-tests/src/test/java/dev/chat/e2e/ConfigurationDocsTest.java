package dev.chat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Each setting's default is written once, in its service's application.properties ({@code ${VARIABLE:default}});
 * the README's table of settings is a copy. This keeps the copy honest: every variable with a default is in the
 * table, for the right services, with the same default.
 */
class ConfigurationDocsTest {

    private static final Map<String, String> SERVICES = Map.of("user", "user-service", "chat", "chat-service",
            "sketch", "sketch-service", "gateway", "gateway-service", "terminal", "terminal-gateway");
    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):([^}]*)}");
    private static final Pattern ROW = Pattern.compile("^\\| (`[A-Z].*?) \\| ([a-z, ]+) \\| (`.*?) \\| .*\\|$");

    private static Path root() {
        return Path.of(System.getProperty("chat.project.root", "..")).toAbsolutePath().normalize();
    }

    /** service -> variable -> default, as application.properties say. */
    private static Map<String, Map<String, String>> defaultsInCode() throws IOException {
        Map<String, Map<String, String>> defaults = new TreeMap<>();
        for (String module : SERVICES.values()) {
            Path properties = root().resolve(module).resolve("src/main/resources/application.properties");
            Map<String, String> found = new TreeMap<>();
            for (String line : Files.readAllLines(properties)) {
                if (line.startsWith("#") || line.startsWith("%")) {
                    continue;
                }
                Matcher matcher = DEFAULTED.matcher(line);
                while (matcher.find()) {
                    found.put(matcher.group(1), matcher.group(2));
                }
            }
            defaults.put(module, found);
        }
        return defaults;
    }

    /** service -> variable -> default, as the README's table says. */
    private static Map<String, Map<String, String>> defaultsInReadme() throws IOException {
        Map<String, Map<String, String>> defaults = new TreeMap<>();
        SERVICES.values().forEach(module -> defaults.put(module, new TreeMap<>()));
        for (String line : Files.readAllLines(root().resolve("README.md"))) {
            Matcher row = ROW.matcher(line);
            if (!row.matches()) {
                continue;
            }
            List<String> variables = codeValues(row.group(1));
            List<String> values = codeValues(row.group(3));
            assertEquals(variables.size(), values.size(), "one default per variable in: " + line);
            for (String service : row.group(2).split(",\\s*")) {
                String module = SERVICES.get(service.trim());
                for (int i = 0; i < variables.size(); i++) {
                    defaults.get(module).put(variables.get(i), values.get(i));
                }
            }
        }
        return defaults;
    }

    private static List<String> codeValues(String cell) {
        List<String> values = new ArrayList<>();
        Matcher code = Pattern.compile("`([^`]*)`").matcher(cell);
        while (code.find()) {
            values.add(code.group(1));
        }
        return values;
    }

    @Test
    void theReadmeListsEverySettingWithTheDefaultTheCodeHas() throws IOException {
        Map<String, Map<String, String>> code = defaultsInCode();
        assertFalse(code.get("gateway-service").isEmpty(), "the gateway's settings were found");
        assertEquals(code, defaultsInReadme(), "README.md's settings table against the services' application.properties");
    }
}
