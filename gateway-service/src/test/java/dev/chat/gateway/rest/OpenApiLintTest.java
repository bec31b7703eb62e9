package dev.chat.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contracts.ErrorCodes;
import dev.chat.contracts.Limits;
import dev.chat.deploy.local.RealInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The OpenAPI document the gateway serves ({@code /q/openapi}) passes Spectral's {@code spectral:oas} rules with no
 * finding, error or warning ({@link OpenApiRules}: the same rules in Java, so no Node is needed), and says what issue 12
 * asked of it; docs/contract.md lists every operation it has and every error code there is.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "gateway-service"))
class OpenApiLintTest {

    private static final Path CONTRACT = Path.of("..", "docs", "contract.md");
    private static final Pattern OPERATION = Pattern.compile("`(GET|POST|PUT|PATCH|DELETE) (/api/[^`?]*)`");
    private static JsonNode served;

    static Stream<String> rules() {
        return OpenApiRules.RULES.keySet().stream();
    }

    static synchronized JsonNode document() throws IOException {
        if (served == null) {
            String json = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
            served = new ObjectMapper().readTree(json);
            // Kept for a look, or for another linter: npx @stoplight/spectral-cli lint target/openapi.json
            Files.writeString(Path.of("target", "openapi.json"), json);
        }
        return served;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theServedDocumentPasses(String rule) throws IOException {
        List<OpenApiRules.Finding> findings = OpenApiRules.RULES.get(rule).apply(document());
        assertEquals(List.of(), findings, () -> findings.stream().map(Object::toString).collect(Collectors.joining("\n", "\n", "")));
    }

    @Test
    void requestBodiesAreTheContractsShapes() throws IOException {
        JsonNode paths = document().path("paths");
        assertEquals("#/components/schemas/OpenDirectRequest", bodySchema(paths.path("/api/dms").path("post")));
        assertEquals("#/components/schemas/JoinRoomRequest", bodySchema(paths.path("/api/rooms/{roomId}/join").path("post")));
        assertEquals("#/components/schemas/ReadMarkerRequest", bodySchema(paths.path("/api/rooms/{roomId}/read").path("post")));
        assertTrue(!paths.path("/api/rooms/{roomId}/join").path("post").path("requestBody").path("required").asBoolean(),
                "the join body is optional");
        JsonNode schemas = document().path("components").path("schemas");
        assertEquals("integer", schemas.path("ReadMarkerRequest").path("properties").path("seq").path("type").asText());
        assertEquals("uuid", schemas.path("OpenDirectRequest").path("properties").path("userId").path("format").asText());
        assertEquals("[\"public\",\"private\"]", schemas.path("NewRoom").path("properties").path("visibility").path("enum").toString());
    }

    @Test
    void listsAreArraysOfNamedSchemas() throws IOException {
        JsonNode paths = document().path("paths");
        assertEquals("#/components/schemas/ListedUser", itemsOf(paths.path("/api/users").path("get")));
        assertEquals("#/components/schemas/Member", itemsOf(paths.path("/api/rooms/{roomId}/members").path("get")));
        assertEquals("#/components/schemas/PendingJoinRequest", itemsOf(paths.path("/api/rooms/{roomId}/join-requests").path("get")));
        assertEquals("#/components/schemas/ListedRoom", itemsOf(paths.path("/api/rooms").path("get")));
        JsonNode lastSeenAt = document().path("components").path("schemas").path("ListedUser").path("properties").path("lastSeenAt");
        assertEquals("date-time", lastSeenAt.path("format").asText());
        assertEquals("[\"string\",\"null\"]", lastSeenAt.path("type").toString());
    }

    @Test
    void queryParametersAreDescribedAsWhatTheyMustBe() throws IOException {
        JsonNode history = document().path("paths").path("/api/rooms/{roomId}/messages").path("get");
        for (String name : List.of("afterSeq", "beforeSeq")) {
            JsonNode schema = parameter(history, name).path("schema");
            assertEquals("integer", schema.path("type").asText(), name);
            assertEquals("int64", schema.path("format").asText(), name);
            assertEquals(0, schema.path("minimum").asInt(-1), name);
        }
        JsonNode limit = parameter(history, "limit").path("schema");
        assertEquals("integer", limit.path("type").asText());
        assertEquals(1, limit.path("minimum").asInt());
        assertEquals(200, limit.path("maximum").asInt());
        assertEquals("uuid", parameter(history, "roomId").path("schema").path("format").asText());
        JsonNode scope = parameter(document().path("paths").path("/api/rooms").path("get"), "scope").path("schema");
        assertEquals("[\"mine\",\"public\",\"direct\"]", scope.path("enum").toString());
    }

    @Test
    void theDescriptionPointsToTheContract() throws IOException {
        assertTrue(document().path("info").path("description").asText().contains("docs/contract.md"));
    }

    @Test
    void theContractPageListsEveryOperation() throws IOException {
        String contract = Files.readString(CONTRACT);
        List<String> missing = new ArrayList<>();
        document().path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            String call = "`" + method.toUpperCase(Locale.ROOT) + " " + path.getKey() + "`";
            if (!contract.contains(call)) {
                missing.add(call);
            }
        }));
        assertEquals(List.of(), missing, "operations the gateway serves that docs/contract.md does not list");
    }

    /** The page's table of what is served names nothing the gateway does not serve. */
    @Test
    void theContractPageServesNothingExtra() throws IOException {
        String contract = Files.readString(CONTRACT);
        String served = contract.substring(contract.indexOf("## REST"), contract.indexOf("## WebSocket"));
        List<String> extra = new ArrayList<>();
        Matcher m = OPERATION.matcher(served);
        while (m.find()) {
            if (document().path("paths").path(m.group(2)).path(m.group(1).toLowerCase(Locale.ROOT)).isMissingNode()) {
                extra.add(m.group());
            }
        }
        assertEquals(List.of(), extra, "docs/contract.md lists as served what the OpenAPI document does not have");
    }

    @Test
    void theContractPageListsEveryErrorCodeAndTheTextLimit() throws Exception {
        String contract = Files.readString(CONTRACT);
        List<String> missing = new ArrayList<>();
        for (Field field : ErrorCodes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String code = "`" + field.get(null) + "`";
                if (!contract.contains(code)) {
                    missing.add(code);
                }
            }
        }
        assertEquals(List.of(), missing, "error codes (contracts/ErrorCodes.java) docs/contract.md does not list");
        assertTrue(contract.contains(String.format(Locale.ROOT, "%,d", Limits.MAX_TEXT_LENGTH)), "the text limit");
    }

    /** The Allow header of a 405 comes from the resources' annotations: it must know what the document knows. */
    @Test
    void theAllowHeaderKnowsEveryOperation() throws IOException {
        List<String> unknown = new ArrayList<>();
        document().path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            String concrete = path.getKey().replaceAll("\\{([^}]+)\\}", "$1");
            if (!AllowedMethods.of(concrete).contains(method.toUpperCase(Locale.ROOT))) {
                unknown.add(method + " " + path.getKey());
            }
        }));
        assertEquals(List.of(), unknown);
    }

    private static String bodySchema(JsonNode op) {
        return op.path("requestBody").path("content").path("application/json").path("schema").path("$ref").asText();
    }

    private static String itemsOf(JsonNode op) {
        JsonNode schema = op.path("responses").path("200").path("content").path("application/json").path("schema");
        assertEquals("array", schema.path("type").asText());
        return schema.path("items").path("$ref").asText();
    }

    private static JsonNode parameter(JsonNode op, String name) {
        for (JsonNode parameter : op.path("parameters")) {
            if (parameter.path("name").asText().equals(name)) {
                return parameter;
            }
        }
        throw new AssertionError("no parameter " + name);
    }
}
