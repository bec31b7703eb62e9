package dev.chat.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every object of every overlay against the schemas themselves: the Kubernetes OpenAPI for built-in kinds, and the
 * operators' CRDs (CloudNativePG, External Secrets, Strimzi, Prometheus Operator), through the npm registry's
 * kubernetes-models packages, which are generated from them (src/test/crd-validator, versions locked). Those schemas
 * allow fields they do not name, as an API server prunes them, so unknown fields are {@link ManifestSchemaTest}'s to
 * find; this finds wrong types, missing required fields and values outside an enum. Needs Node.js and the npm
 * registry; skipped, and said so, where Node.js is not installed.
 */
class ManifestCrdSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path VALIDATOR = Overlays.K8S.resolve("target/crd-validator");

    static List<String> overlays() {
        return Overlays.NAMES;
    }

    @BeforeAll
    static void install() throws Exception {
        assumeTrue(run(Overlays.K8S, 30, "node", "--version").exitCode == 0, "Node.js is not installed: the CRD schemas are not checked");
        Files.createDirectories(VALIDATOR);
        for (String file : List.of("package.json", "package-lock.json", "validate.mjs")) {
            Files.copy(Overlays.K8S.resolve("src/test/crd-validator").resolve(file), VALIDATOR.resolve(file),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(VALIDATOR.resolve("node_modules/kubernetes-models"))) {
            Result installed = run(VALIDATOR, 300, "npm", "ci", "--no-audit", "--no-fund");
            assertEquals(0, installed.exitCode, "npm ci: " + installed.output);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectMatchesItsKubernetesOrCrdSchema(String overlay) throws Exception {
        Result result = validate(overlay, Overlays.render(overlay));
        assertEquals(0, result.exitCode, overlay + " breaks its schemas:\n" + result.output);
    }

    @Test
    void theValidatorRefusesAValueOfTheWrongType() throws Exception {
        List<ObjectNode> objects = new ArrayList<>();
        for (ObjectNode object : Overlays.render("prod")) {
            if ("Cluster".equals(Kustomization.kind(object))) {
                ObjectNode broken = object.deepCopy();
                ((ObjectNode) broken.with("spec")).put("instances", "three");
                objects.add(broken);
            }
        }
        Result result = validate("broken", objects);
        assertEquals(1, result.exitCode);
        assertTrue(result.output.contains("spec/instances must be integer"), result.output);
    }

    private static Result validate(String name, List<ObjectNode> objects) throws Exception {
        Path file = VALIDATOR.resolve(name + ".json");
        JSON.writeValue(file.toFile(), objects);
        return run(VALIDATOR, 120, "node", "validate.mjs", file.toString());
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(Path directory, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        // Output to a file, not a pipe: a pipe nobody reads until the end can fill and stall the process.
        Path output = Files.createTempFile("crd-validator", ".out");
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
        } catch (IOException notInstalled) {
            return new Result(-1, notInstalled.getMessage());
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        return new Result(process.exitValue(), text);
    }
}
