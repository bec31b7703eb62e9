package dev.chat.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Each lint rule passes a clean document and catches the defect it is there for: a linter that finds nothing proves nothing. */
class OpenApiRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLEAN = """
            {"openapi": "3.1.0",
             "info": {"title": "t", "version": "1", "description": "what it is", "contact": {"name": "us"}},
             "servers": [{"url": "/", "description": "here"}],
             "tags": [{"name": "a", "description": "the a things"}, {"name": "b", "description": "the b things"}],
             "paths": {
               "/things/{thingId}": {
                 "get": {"operationId": "getThing", "summary": "Get", "description": "A thing", "tags": ["a"],
                   "security": [{"bearer": []}],
                   "parameters": [
                     {"name": "thingId", "in": "path", "required": true, "description": "the thing",
                      "schema": {"type": "string", "format": "uuid"}},
                     {"name": "limit", "in": "query", "description": "at most",
                      "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}}],
                   "responses": {
                     "200": {"description": "the thing",
                       "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"},
                         "example": {"id": "0193a5c2-7d1e-7c3a-9f2b-5e8d4c1a2b3c", "kind": "big"}}}},
                     "401": {"$ref": "#/components/responses/Unauthorized"},
                     "503": {"description": "down",
                       "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}},
               "/things": {
                 "post": {"operationId": "makeThing", "summary": "Make", "description": "A new thing", "tags": ["b"],
                   "requestBody": {"required": true,
                     "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                   "responses": {
                     "204": {"description": "made"},
                     "400": {"description": "bad",
                       "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
                     "415": {"description": "not JSON",
                       "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
                     "503": {"description": "down",
                       "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}}},
             "components": {
               "schemas": {
                 "Thing": {"type": "object", "required": ["id"],
                   "properties": {"id": {"type": "string", "format": "uuid", "examples": ["0193a5c2-7d1e-7c3a-9f2b-5e8d4c1a2b3c"]},
                     "kind": {"type": "string", "enum": ["big", "small"]},
                     "seenAt": {"type": ["string", "null"], "format": "date-time", "examples": ["2026-11-22T10:00:00.123Z"]}}},
                 "Problem": {"type": "object", "properties": {"code": {"type": "string"}}}},
               "responses": {"Unauthorized": {"description": "no",
                 "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}},
               "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}}}
            """;

    @Test
    void aCleanDocumentHasNoFinding() throws Exception {
        assertEquals(List.of(), OpenApiRules.lint(JSON.readTree(CLEAN)));
    }

    @Test
    void eachRuleCatchesItsDefect() throws Exception {
        caught("oas3-schema", doc -> ((ObjectNode) at(doc, "/paths/~1things/post/responses/204")).remove("description"));
        caught("oas3-schema", doc -> ((ObjectNode) at(doc, "/paths/~1things/post")).put("responses", "none"));
        caught("operation-operationId", doc -> op(doc).remove("operationId"));
        caught("operation-operationId-unique", doc -> ((ObjectNode) at(doc, "/paths/~1things/post")).put("operationId", "getThing"));
        caught("operation-operationId-valid-in-url", doc -> op(doc).put("operationId", "get thing"));
        caught("operation-description", doc -> op(doc).remove("description"));
        caught("operation-tags", doc -> op(doc).putArray("tags"));
        caught("operation-tag-defined", doc -> op(doc).putArray("tags").add("undeclared"));
        caught("operation-success-response", doc -> ((ObjectNode) op(doc).get("responses")).remove("200"));
        caught("operation-parameters", doc -> ((ArrayNode) op(doc).get("parameters")).add(op(doc).get("parameters").get(1).deepCopy()));
        caught("path-params", doc -> ((ObjectNode) op(doc).get("parameters").get(0)).remove("required"));
        caught("path-params", doc -> ((ObjectNode) op(doc).get("parameters").get(0)).put("name", "otherId"));
        caught("path-keys-no-trailing-slash", doc -> ((ObjectNode) doc.get("paths")).set("/things/", doc.get("paths").get("/things")));
        caught("info-contact", doc -> ((ObjectNode) doc.get("info")).remove("contact"));
        caught("info-description", doc -> ((ObjectNode) doc.get("info")).put("description", ""));
        caught("no-script-tags-in-markdown", doc -> op(doc).put("description", "<script>alert(1)</script>"));
        caught("openapi-tags-uniqueness", doc -> ((ArrayNode) doc.get("tags")).add(doc.get("tags").get(0).deepCopy()));
        caught("tag-description", doc -> ((ObjectNode) doc.get("tags").get(0)).remove("description"));
        caught("openapi-tags-alphabetical", doc -> ((ObjectNode) doc.get("tags").get(0)).put("name", "z"));
        caught("oas3-api-servers", doc -> ((ObjectNode) doc).remove("servers"));
        caught("oas3-server-trailing-slash", doc -> ((ObjectNode) doc.get("servers").get(0)).put("url", "/api/"));
        caught("oas3-server-variables", doc -> ((ObjectNode) doc.get("servers").get(0)).put("url", "/{version}"));
        caught("oas3-operation-security-defined", doc -> ((ArrayNode) op(doc).get("security")).addObject().putArray("apiKey"));
        caught("oas3-unused-component", doc -> ((ObjectNode) at(doc, "/components/schemas")).putObject("Orphan").put("type", "string"));
        caught("array-items", doc -> ((ObjectNode) at(doc, "/components/schemas/Thing/properties")).putObject("tags").put("type", "array"));
        caught("typed-enum", doc -> ((ArrayNode) at(doc, "/components/schemas/Thing/properties/kind/enum")).add(3));
        caught("duplicated-entry-in-enum", doc -> ((ArrayNode) at(doc, "/components/schemas/Thing/properties/kind/enum")).add("big"));
        caught("oas3-valid-schema-example", doc -> ((ArrayNode) at(doc, "/components/schemas/Thing/properties/id/examples")).add("x"));
        caught("oas3-valid-schema-example", doc -> ((ObjectNode) at(doc, "/paths/~1things~1{thingId}/get/parameters/1/schema"))
                .put("default", 500));
        caught("oas3-valid-schema-example", doc -> ((ArrayNode) at(doc, "/components/schemas/Thing/properties/seenAt/examples"))
                .add("yesterday"));
        caught("oas3-valid-media-example", doc -> ((ObjectNode) at(doc, "/paths/~1things~1{thingId}/get/responses/200/content/"
                + "application~1json/example")).put("kind", "medium"));
        caught("oas3-valid-media-example", doc -> ((ObjectNode) at(doc, "/paths/~1things~1{thingId}/get/responses/200/content/"
                + "application~1json/example")).remove("id"));
        caught("oas3-examples-value-or-externalValue", doc -> ((ObjectNode) at(doc, "/paths/~1things~1{thingId}/get/responses/200/"
                + "content/application~1json")).putObject("examples").putObject("one").put("summary", "no value"));
        caught("oas3-parameter-description", doc -> ((ObjectNode) op(doc).get("parameters").get(1)).remove("description"));
        caught("chat-no-jackson-internals", doc -> ((ObjectNode) at(doc, "/components/schemas/Thing/properties")).putObject("valueNode")
                .put("type", "boolean"));
        caught("chat-errors-are-problems", doc -> ((ObjectNode) at(doc, "/paths/~1things/post/responses/400/content"))
                .set("application/json", at(doc, "/paths/~1things/post/responses/400/content/application~1problem+json")));
        caught("chat-success-is-json", doc -> ((ObjectNode) at(doc, "/paths/~1things~1{thingId}/get/responses/200/content"))
                .set("application/problem+json", at(doc, "/paths/~1things~1{thingId}/get/responses/200/content/application~1json")));
        caught("chat-error-answers-listed", doc -> ((ObjectNode) at(doc, "/paths/~1things/post/responses")).remove("415"));
        caught("chat-ids-are-uuids", doc -> ((ObjectNode) op(doc).get("parameters").get(0).get("schema")).remove("format"));
        caught("chat-bodies-are-named-schemas", doc -> ((ObjectNode) at(doc, "/paths/~1things/post/requestBody/content/"
                + "application~1json")).putObject("schema").put("type", "object"));
    }

    @Test
    void theSchemaCheckRefusesAKeywordItDoesNotKnow() throws Exception {
        JsonNode doc = JSON.readTree(CLEAN);
        JsonNode schema = JSON.readTree("{\"type\": \"string\", \"contentEncoding\": \"base64\"}");
        assertFalse(OpenApiRules.SchemaCheck.errors(doc, JSON.readTree("\"aGk=\""), schema).isEmpty());
    }

    private static void caught(String rule, Consumer<JsonNode> defect) throws Exception {
        JsonNode doc = JSON.readTree(CLEAN);
        defect.accept(doc);
        assertFalse(OpenApiRules.RULES.get(rule).apply(doc).isEmpty(), rule + " missed its defect");
    }

    private static ObjectNode op(JsonNode doc) {
        return (ObjectNode) at(doc, "/paths/~1things~1{thingId}/get");
    }

    private static JsonNode at(JsonNode doc, String pointer) {
        JsonNode node = doc.at(pointer);
        if (node.isMissingNode()) {
            throw new AssertionError("no " + pointer + " in the clean document");
        }
        return node;
    }
}
