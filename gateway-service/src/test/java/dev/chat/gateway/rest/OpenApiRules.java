package dev.chat.gateway.rest;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * Spectral's {@code spectral:oas} ruleset (every rule it enables by default for OpenAPI 3.x, and a few of its optional
 * ones) as plain Java over the document's JSON, so the build lints the served document without Node; then this
 * project's own rules ({@code chat-*}). Each rule answers its findings, Spectral-style: rule, JSON path, message.
 * Rule names and what they check follow Spectral's (packages/rulesets/src/oas/index.ts); {@code oas3-schema} is
 * swagger-parser's validation of the document's structure.
 */
final class OpenApiRules {

    static final Map<String, Function<JsonNode, List<Finding>>> RULES = new LinkedHashMap<>();

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern PATH_PARAM = Pattern.compile("\\{;?\\??([a-zA-Z0-9_-]+)\\*?\\}");
    private static final Pattern VALID_IN_URL = Pattern.compile("^[A-Za-z0-9-._~:/?#\\[\\]@!$&'()*+,;=]*$");
    private static final Pattern RUNTIME_EXPRESSION = Pattern.compile(
            "^\\$(url|method|statusCode|request\\.(header\\.[^\\s]+|query\\.[^\\s]+|path\\.[^\\s]+|body(#/.*)?)"
                    + "|response\\.(header\\.[^\\s]+|body(#/.*)?))$");
    private static final Pattern UUID = Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final List<String> COMPONENT_TYPES = List.of("schemas", "responses", "parameters", "examples", "requestBodies",
            "headers", "links", "callbacks");
    /** What a schema may say that is no constraint on a value. */
    private static final Set<String> ANNOTATIONS = Set.of("description", "title", "examples", "example", "default", "deprecated",
            "readOnly", "writeOnly", "nullable", "externalDocs", "$comment", "xml");
    private static final Set<String> JACKSON_NAMES = Set.of("JsonNode", "JsonNodeType", "ObjectNode", "ArrayNode", "TextNode");
    private static final Set<String> JACKSON_PROPERTIES = Set.of("valueNode", "containerNode", "missingNode", "nodeType", "pojo",
            "floatingPointNumber", "integralNumber");
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    static {
        // spectral:oas, enabled by default
        RULES.put("oas3-schema", OpenApiRules::oas3Schema);
        RULES.put("operation-success-response", OpenApiRules::operationSuccessResponse);
        RULES.put("operation-operationId-unique", OpenApiRules::operationIdUnique);
        RULES.put("operation-parameters", OpenApiRules::operationParameters);
        RULES.put("operation-tag-defined", OpenApiRules::operationTagDefined);
        RULES.put("path-params", OpenApiRules::pathParams);
        RULES.put("duplicated-entry-in-enum", OpenApiRules::duplicatedEntryInEnum);
        RULES.put("info-contact", doc -> truthy("info-contact", "$.info.contact", doc.path("info").path("contact")));
        RULES.put("info-description", doc -> truthy("info-description", "$.info.description", doc.path("info").path("description")));
        RULES.put("no-eval-in-markdown", doc -> markdown(doc, "no-eval-in-markdown", "eval("));
        RULES.put("no-script-tags-in-markdown", doc -> markdown(doc, "no-script-tags-in-markdown", "<script"));
        RULES.put("openapi-tags-uniqueness", OpenApiRules::tagsUnique);
        RULES.put("operation-description", doc -> eachOperation(doc, "operation-description",
                (op, at) -> isTruthy(op.path("description")) ? null : "Operation \"description\" must be present and non-empty string."));
        RULES.put("operation-operationId", doc -> eachOperation(doc, "operation-operationId",
                (op, at) -> isTruthy(op.path("operationId")) ? null : "Operation must have \"operationId\"."));
        RULES.put("operation-operationId-valid-in-url", doc -> eachOperation(doc, "operation-operationId-valid-in-url",
                (op, at) -> !op.path("operationId").isTextual() || VALID_IN_URL.matcher(op.path("operationId").asText()).matches()
                        ? null : "operationId must not contain characters that are invalid when used in URL."));
        RULES.put("operation-tags", doc -> eachOperation(doc, "operation-tags",
                (op, at) -> op.path("tags").isArray() && !op.path("tags").isEmpty() ? null
                        : "Operation must have non-empty \"tags\" array."));
        RULES.put("path-declarations-must-exist", doc -> eachPath(doc, "path-declarations-must-exist",
                path -> path.contains("{}") ? "Path parameter declarations must not be empty, ex.\"/given/{}\" is invalid." : null));
        RULES.put("path-keys-no-trailing-slash", doc -> eachPath(doc, "path-keys-no-trailing-slash",
                path -> path.length() > 1 && path.endsWith("/") ? "Path must not end with slash." : null));
        RULES.put("path-not-include-query", doc -> eachPath(doc, "path-not-include-query",
                path -> path.contains("?") ? "Path must not include query string." : null));
        RULES.put("no-$ref-siblings", OpenApiRules::noRefSiblings);
        RULES.put("array-items", OpenApiRules::arrayItems);
        RULES.put("typed-enum", OpenApiRules::typedEnum);
        RULES.put("oas3-api-servers", OpenApiRules::apiServers);
        RULES.put("oas3-examples-value-or-externalValue", OpenApiRules::examplesValueOrExternalValue);
        RULES.put("oas3-operation-security-defined", OpenApiRules::securityDefined);
        RULES.put("oas3-server-trailing-slash", OpenApiRules::serverTrailingSlash);
        RULES.put("oas3-valid-media-example", OpenApiRules::validMediaExample);
        RULES.put("oas3-valid-schema-example", OpenApiRules::validSchemaExample);
        RULES.put("oas3-unused-component", OpenApiRules::unusedComponent);
        RULES.put("oas3-links-parameters-expression", OpenApiRules::linksParametersExpression);
        RULES.put("oas3-server-variables", OpenApiRules::serverVariables);
        RULES.put("oas3-callbacks-in-callbacks", OpenApiRules::callbacksInCallbacks);
        RULES.put("oas3_1-servers-in-webhook", doc -> inWebhooks(doc, "oas3_1-servers-in-webhook", "servers"));
        RULES.put("oas3_1-callbacks-in-webhook", doc -> inWebhooks(doc, "oas3_1-callbacks-in-webhook", "callbacks"));
        // spectral:oas, optional rules this document keeps too
        RULES.put("openapi-tags", doc -> doc.path("tags").isArray() && !doc.path("tags").isEmpty() ? List.of()
                : List.of(new Finding("openapi-tags", "$.tags", "OpenAPI object must have non-empty \"tags\" array.")));
        RULES.put("tag-description", OpenApiRules::tagDescription);
        RULES.put("openapi-tags-alphabetical", OpenApiRules::tagsAlphabetical);
        RULES.put("oas3-parameter-description", OpenApiRules::parameterDescription);
        // this project's own
        RULES.put("chat-no-jackson-internals", OpenApiRules::noJacksonInternals);
        RULES.put("chat-errors-are-problems", OpenApiRules::errorsAreProblems);
        RULES.put("chat-success-is-json", OpenApiRules::successIsJson);
        RULES.put("chat-error-answers-listed", OpenApiRules::errorAnswersListed);
        RULES.put("chat-ids-are-uuids", OpenApiRules::idsAreUuids);
        RULES.put("chat-bodies-are-named-schemas", OpenApiRules::bodiesAreNamedSchemas);
        RULES.put("chat-response-descriptions", OpenApiRules::responseDescriptions);
    }

    private OpenApiRules() {
    }

    record Finding(String rule, String path, String message) {
        @Override
        public String toString() {
            return rule + "  " + path + "  " + message;
        }
    }

    /** Every rule's findings. */
    static List<Finding> lint(JsonNode doc) {
        List<Finding> all = new ArrayList<>();
        RULES.values().forEach(rule -> all.addAll(rule.apply(doc)));
        return all;
    }

    // ---- spectral:oas ----

    /** swagger-parser's reading of the document: any message (a missing required field, a bad $ref, a wrong type) is a finding. */
    static List<Finding> oas3Schema(JsonNode doc) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(doc.toString(), null, options);
        List<Finding> findings = new ArrayList<>();
        if (result.getMessages() != null) {
            result.getMessages().forEach(message -> findings.add(new Finding("oas3-schema", "$", message)));
        }
        if (result.getOpenAPI() == null) {
            findings.add(new Finding("oas3-schema", "$", "not an OpenAPI document"));
        }
        if (!doc.path("openapi").asText().startsWith("3.")) {
            findings.add(new Finding("oas3-schema", "$.openapi", "not OpenAPI 3.x: " + doc.path("openapi")));
        }
        return findings;
    }

    static List<Finding> operationSuccessResponse(JsonNode doc) {
        return eachOperation(doc, "operation-success-response", (op, at) -> {
            for (Iterator<String> codes = op.path("responses").fieldNames(); codes.hasNext();) {
                String code = codes.next();
                if (code.matches("[23]\\d\\d")) {
                    return null;
                }
            }
            return "operations must define at least one 2xx or 3xx response";
        });
    }

    static List<Finding> operationIdUnique(JsonNode doc) {
        Set<String> seen = new HashSet<>();
        return eachOperation(doc, "operation-operationId-unique", (op, at) -> !op.path("operationId").isTextual()
                || seen.add(op.path("operationId").asText()) ? null : "Every operation must have unique \"operationId\".");
    }

    static List<Finding> operationParameters(JsonNode doc) {
        List<Finding> findings = new ArrayList<>();
        operations(doc, (op, at) -> {
            Set<String> seen = new HashSet<>();
            int i = 0;
            for (JsonNode parameter : op.path("parameters")) {
                JsonNode p = resolve(doc, parameter);
                if (!seen.add(p.path("in").asText() + ":" + p.path("name").asText())) {
                    findings.add(new Finding("operation-parameters", at + ".parameters[" + i + "]",
                            "A parameter in this operation already exposes the same combination of \"name\" and \"in\" values."));
                }
                i++;
            }
        });
        return findings;
    }

    static List<Finding> operationTagDefined(JsonNode doc) {
        Set<String> defined = new HashSet<>();
        doc.path("tags").forEach(tag -> defined.add(tag.path("name").asText()));
        List<Finding> findings = new ArrayList<>();
        operations(doc, (op, at) -> op.path("tags").forEach(tag -> {
            if (!defined.contains(tag.asText())) {
                findings.add(new Finding("operation-tag-defined", at + ".tags", "Operation tags must be defined in global tags: " + tag));
            }
        }));
        return findings;
    }

    /** As Spectral's oasPathParam: templated parameters defined (required: true), defined ones used, no equivalent paths. */
    static List<Finding> pathParams(JsonNode doc) {
        List<Finding> findings = new ArrayList<>();
        Map<String, String> normalized = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> entry = paths.next();
            String path = entry.getKey();
            String at = "$.paths['" + path + "']";
            String shape = PATH_PARAM.matcher(path).replaceAll("%");
            String before = normalized.putIfAbsent(shape, path);
            if (before != null) {
                findings.add(new Finding("path-params", at, "Paths \"" + before + "\" and \"" + path + "\" must not be equivalent."));
            }
            List<String> templated = new ArrayList<>();
            Matcher m = PATH_PARAM.matcher(path);
            while (m.find()) {
                if (templated.contains(m.group(1))) {
                    findings.add(new Finding("path-params", at, "Path \"" + path + "\" must not use parameter \"{" + m.group(1)
                            + "}\" multiple times."));
                } else {
                    templated.add(m.group(1));
                }
            }
            Set<String> common = pathParameterNames(doc, entry.getValue().path("parameters"), at + ".parameters", findings);
            for (String method : METHODS) {
                JsonNode op = entry.getValue().get(method);
                if (op == null) {
                    continue;
                }
                Set<String> defined = new HashSet<>(common);
                defined.addAll(pathParameterNames(doc, op.path("parameters"), at + "." + method + ".parameters", findings));
                for (String name : defined) {
                    if (!templated.contains(name)) {
                        findings.add(new Finding("path-params", at + "." + method, "Parameter \"" + name + "\" must be used in path \""
                                + path + "\"."));
                    }
                }
                for (String name : templated) {
                    if (!defined.contains(name)) {
                        findings.add(new Finding("path-params", at + "." + method, "Operation must define parameter \"{" + name
                                + "}\" as expected by path \"" + path + "\"."));
                    }
                }
            }
        }
        return findings;
    }

    static List<Finding> duplicatedEntryInEnum(JsonNode doc) {
        List<Finding> findings = new ArrayList<>();
        walk(doc, "$", null, (node, at) -> {
            if (node.path("enum").isArray()) {
                Set<JsonNode> seen = new HashSet<>();
                node.path("enum").forEach(value -> {
                    if (!seen.add(value)) {
                        findings.add(new Finding("duplicated-entry-in-enum", at + ".enum", "Enum has duplicate value " + value));
                    }
                });
            }
        });
        return findings;
    }

    static List<Finding> tagsUnique(JsonNode doc) {
        Set<String> seen = new HashSet<>();
        List<Finding> findings = new ArrayList<>();
        int i = 0;
        for (JsonNode tag : doc.path("tags")) {
            if (!seen.add(tag.path("name").asText())) {
                findings.add(new Finding("openapi-tags-uniqueness", "$.tags[" + i + "]", "\"tags[" + i + "]\" has duplicated name"));
            }
            i++;
        }
        return findings;
    }

    /** OpenAPI 3.0 only (in 3.1 a $ref may have siblings). */
    static List<Finding> noRefSiblings(JsonNode doc) {
        if (!doc.path("openapi").asText().startsWith("3.0")) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        walk(doc, "$", null, (node, at) -> {
            if (node.has("$ref") && node.size() > 1) {
                findings.add(new Finding("no-$ref-siblings", at, "$ref must not be placed next to any other properties"));
            }
        });
        return findings;
    }

    static List<Finding> arrayItems(JsonNode doc) {
        List<Finding> findings = new ArrayList<>();
        walk(doc, "$", null, (node, at) -> {
            if (hasType(node, "array") && !node.has("items")) {
                findings.add(new Finding("array-items", at, "Schemas with \"type: array\", require a sibling \"items\" field"));
            }
        });
        return findings;
    }

    static List<Finding> typedEnum(JsonNode doc) {
        List<Finding> findings = new ArrayList<>();
        walk(doc, "$", null, (node, at) -> {
            if (node.path("enum").isArray() && node.has("type")) {
                node.path("enum").forEach(value -> {
                    if (!matchesType(value, node.get("type"))) {
                        findings.add(new Finding("typed-enum", at + ".enum", "Enum value " + value + " must be \"" + node.get("type")
                                + "\"."));
                    }
                });
            }
        });
        return findings;
    }

    static List<Finding> apiServers(JsonNode doc) {
        JsonNode servers = doc.path("servers");
        boolean ok = servers.isArray() && !servers.isEmpty();
        for (JsonNode server : servers) {
            ok &= server.isObject();
        }
        return ok ? List.of()
                : List.of(new Finding("oas3-api-servers", "$.servers", "OpenAPI \"servers\" must be present and non-empty array."));
    }

    static List<Finding> examplesValueOrExternalValue(JsonNode doc) {
        List<Finding> findings = new ArrayList<>();
        BiConsumer<JsonNode, String> check = (examples, at) -> examples.fields().forEachRemaining(example -> {
            JsonNode value = example.getValue();
            if (!value.has("$ref") && value.has("value") == value.has("externalValue")) {
                findings.add(new Finding("oas3-examples-value-or-externalValue", at + "." + example.getKey(),
                        "Examples must have either \"value\" or \"externalValue\" field."));
            }
        });
        check.accept(doc.path("components").path("examples"), "$.components.examples");
        walk(doc, "$", null, (node, at) -> {
            if ((node.has("schema") || node.has("in")) && node.path("examples").isObject()) {
                check.accept(node.path("examples"), at + ".examples");
            }
        });
        return findings;
    }

    static List<Finding> securityDefined(JsonNode doc) {
        JsonNode schemes = doc.path("components").path("securitySchemes");
        List<Finding> findings = new ArrayList<>();
        BiConsumer<JsonNode, String> check = (requirements, at) -> requirements.forEach(requirement -> requirement.fieldNames()
                .forEachRemaining(name -> {
                    if (!schemes.has(name)) {
                        findings.add(new Finding("oas3-operation-security-defined", at, "\"" + name
                                + "\" must be listed among the components.securitySchemes."));
                    }
                }));
        check.accept(doc.path("security"), "$.security");
        operations(doc, (op, at) -> check.accept(op.path("security"), at + ".security"));
        return findings;
    }

    static List<Finding> serverTrailingSlash(JsonNode doc) {
        List<Finding> findings = new ArrayList<>();
        doc.path("servers").forEach(server -> {
            String url = server.path("url").asText();
            if (url.matches("(?s).*./$")) {
                findings.add(new Finding("oas3-server-trailing-slash", "$.servers", "Server URL must not have trailing slash: " + url));
            }
        });
        return findings;
    }

    /** A media type, parameter or header with a schema: its example and each of its examples' values fit the schema. */
    static List<Finding> validMediaExample(JsonNode doc) {
        List<Finding> findings = new ArrayList<>();
        walk(doc, "$", null, (node, at) -> {
            if (!node.path("schema").isObject() || !(node.has("example") || node.path("examples").isObject())) {
                return;
            }
            if (node.has("example")) {
                for (String error : SchemaCheck.errors(doc, node.get("example"), node.get("schema"))) {
                    findings.add(new Finding("oas3-valid-media-example", at + ".example", error));
                }
            }
            node.path("examples").fields().forEachRemaining(example -> {
                JsonNode value = resolve(doc, example.getValue()).get("value");
                if (value != null) {
                    for (String error : SchemaCheck.errors(doc, value, node.get("schema"))) {
                        findings.add(new Finding("oas3-valid-media-example", at + ".examples." + example.getKey(), error));
                    }
                }
            });
        });
        return findings;
    }

    /** A schema's own example, default and (OpenAPI 3.1) examples fit that schema. */
    static List<Finding> validSchemaExample(JsonNode doc) {
        List<Finding> findings = new ArrayList<>();
        walk(doc, "$", null, (node, at) -> {
            if (!isSchemaLike(node)) {
                return;
            }
            List<JsonNode> samples = new ArrayList<>();
            for (String key : List.of("example", "default")) {
                if (node.has(key)) {
                    samples.add(node.get(key));
                }
            }
            if (node.path("examples").isArray()) {
                node.path("examples").forEach(samples::add);
            }
            for (JsonNode sample : samples) {
                for (String error : SchemaCheck.errors(doc, sample, node)) {
                    findings.add(new Finding("oas3-valid-schema-example", at, error));
                }
            }
        });
        return findings;
    }

    static List<Finding> unusedComponent(JsonNode doc) {
        Set<String> refs = new HashSet<>();
        walk(doc, "$", null, (node, at) -> {
            if (node.path("$ref").isTextual()) {
                refs.add(node.path("$ref").asText());
            }
        });
        List<Finding> findings = new ArrayList<>();
        for (String type : COMPONENT_TYPES) {
            doc.path("components").path(type).fieldNames().forEachRemaining(name -> {
                String pointer = "#/components/" + type + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!refs.contains(pointer)) {
                    findings.add(new Finding("oas3-unused-component", "$.components." + type + "." + name,
                            "Potentially unused component has been detected."));
                }
            });
        }
        return findings;
    }

    static List<Finding> linksParametersExpression(JsonNode doc) {
        List<Finding> findings = new ArrayList<>();
        List<JsonNode> links = new ArrayList<>();
        doc.path("components").path("links").forEach(links::add);
        operations(doc, (op, at) -> op.path("responses").forEach(response -> resolve(doc, response).path("links").forEach(links::add)));
        doc.path("components").path("responses").forEach(response -> response.path("links").forEach(links::add));
        for (JsonNode link : links) {
            link.path("parameters").fields().forEachRemaining(parameter -> {
                if (parameter.getValue().isTextual() && parameter.getValue().asText().startsWith("$")
                        && !RUNTIME_EXPRESSION.matcher(parameter.getValue().asText()).matches()) {
                    findings.add(new Finding("oas3-links-parameters-expression", "links.parameters." + parameter.getKey(),
                            "Expressions must be valid runtime expressions: " + parameter.getValue()));
                }
            });
        }
        return findings;
    }

    static List<Finding> serverVariables(JsonNode doc) {
        List<Finding> findings = new ArrayList<>();
        List<JsonNode> servers = new ArrayList<>();
        doc.path("servers").forEach(servers::add);
        doc.path("paths").forEach(item -> {
            item.path("servers").forEach(servers::add);
            METHODS.forEach(method -> item.path(method).path("servers").forEach(servers::add));
        });
        for (JsonNode server : servers) {
            String url = server.path("url").asText();
            Set<String> used = new HashSet<>();
            Matcher m = Pattern.compile("\\{([^}]+)\\}").matcher(url);
            while (m.find()) {
                used.add(m.group(1));
            }
            JsonNode variables = server.path("variables");
            for (String name : used) {
                if (!variables.has(name)) {
                    findings.add(new Finding("oas3-server-variables", "$.servers", "Server's \"variables\" object has no \"" + name
                            + "\" of " + url));
                }
            }
            variables.fields().forEachRemaining(variable -> {
                JsonNode value = variable.getValue();
                if (!used.contains(variable.getKey())) {
                    findings.add(new Finding("oas3-server-variables", "$.servers", "Server's variable \"" + variable.getKey()
                            + "\" is not used in " + url));
                }
                if (!value.has("default")) {
                    findings.add(new Finding("oas3-server-variables", "$.servers", "Server's variable \"" + variable.getKey()
                            + "\" has no default"));
                } else if (value.path("enum").isArray() && !contains(value.path("enum"), value.get("default"))) {
                    findings.add(new Finding("oas3-server-variables", "$.servers", "Server's variable \"" + variable.getKey()
                            + "\" has a default outside its enum"));
                }
            });
        }
        return findings;
    }

    static List<Finding> callbacksInCallbacks(JsonNode doc) {
        List<Finding> findings = new ArrayList<>();
        operations(doc, (op, at) -> op.path("callbacks").forEach(callback -> callback.forEach(item -> METHODS.forEach(method -> {
            if (item.path(method).has("callbacks")) {
                findings.add(new Finding("oas3-callbacks-in-callbacks", at + ".callbacks",
                        "Callbacks should not be defined within a callback"));
            }
        }))));
        return findings;
    }

    static List<Finding> inWebhooks(JsonNode doc, String rule, String field) {
        List<Finding> findings = new ArrayList<>();
        JsonNode webhooks = doc.path("webhooks");
        if (webhooks.has(field)) {
            findings.add(new Finding(rule, "$.webhooks." + field, field + " should not be defined in a webhook."));
        }
        webhooks.fields().forEachRemaining(hook -> hook.getValue().fields().forEachRemaining(op -> {
            if (op.getValue().has(field)) {
                findings.add(new Finding(rule, "$.webhooks." + hook.getKey() + "." + op.getKey(),
                        field + " should not be defined in a webhook."));
            }
        }));
        return findings;
    }

    static List<Finding> tagDescription(JsonNode doc) {
        List<Finding> findings = new ArrayList<>();
        doc.path("tags").forEach(tag -> {
            if (!isTruthy(tag.path("description"))) {
                findings.add(new Finding("tag-description", "$.tags." + tag.path("name").asText(),
                        "Tag object must have \"description\"."));
            }
        });
        return findings;
    }

    static List<Finding> tagsAlphabetical(JsonNode doc) {
        String previous = null;
        for (JsonNode tag : doc.path("tags")) {
            String name = tag.path("name").asText();
            if (previous != null && previous.compareTo(name) > 0) {
                return List.of(new Finding("openapi-tags-alphabetical", "$.tags", "OpenAPI object must have alphabetical \"tags\": \""
                        + previous + "\" before \"" + name + "\"."));
            }
            previous = name;
        }
        return List.of();
    }

    static List<Finding> parameterDescription(JsonNode doc) {
        List<Finding> findings = new ArrayList<>();
        BiConsumer<JsonNode, String> check = (parameters, at) -> parameters.forEach(parameter -> {
            if (parameter.has("in") && !isTruthy(parameter.path("description"))) {
                findings.add(new Finding("oas3-parameter-description", at, "Parameter \"" + parameter.path("name").asText()
                        + "\" must have \"description\"."));
            }
        });
        doc.path("paths").fields().forEachRemaining(item -> check.accept(item.getValue().path("parameters"),
                "$.paths['" + item.getKey() + "'].parameters"));
        operations(doc, (op, at) -> check.accept(op.path("parameters"), at + ".parameters"));
        check.accept(doc.path("components").path("parameters"), "$.components.parameters");
        return findings;
    }

    // ---- this project's own ----

    /** JAX-RS bodies of type JsonNode must not leak Jackson's getters (empty, valueNode, nodeType ...) into the contract. */
    static List<Finding> noJacksonInternals(JsonNode doc) {
        List<Finding> findings = new ArrayList<>();
        doc.path("components").path("schemas").fieldNames().forEachRemaining(name -> {
            if (JACKSON_NAMES.contains(name)) {
                findings.add(new Finding("chat-no-jackson-internals", "$.components.schemas." + name, "a Jackson type as a schema"));
            }
        });
        walk(doc, "$", null, (node, at) -> node.path("properties").fieldNames().forEachRemaining(property -> {
            if (JACKSON_PROPERTIES.contains(property)) {
                findings.add(new Finding("chat-no-jackson-internals", at + ".properties." + property, "a Jackson getter as a property"));
            }
        }));
        return findings;
    }

    /** Every 4xx and 5xx answer is application/problem+json, and only that, with the Problem schema. */
    static List<Finding> errorsAreProblems(JsonNode doc) {
        List<Finding> findings = new ArrayList<>();
        eachResponse(doc, (code, response, at) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                JsonNode content = response.path("content");
                if (content.size() != 1 || !content.has(PROBLEM_JSON)) {
                    findings.add(new Finding("chat-errors-are-problems", at, "an error answer must be " + PROBLEM_JSON + " only, not "
                            + iterableToString(content.fieldNames())));
                } else if (!PROBLEM_REF.equals(content.path(PROBLEM_JSON).path("schema").path("$ref").asText())) {
                    findings.add(new Finding("chat-errors-are-problems", at, "an error answer's schema must be " + PROBLEM_REF));
                }
            }
        });
        return findings;
    }

    /**
     * Successful answers are application/json (never problem+json); 204 has no body. The other formats are files served
     * as themselves: a canvas exported as image/svg+xml, and an uploaded image (image/*).
     */
    static List<Finding> successIsJson(JsonNode doc) {
        List<Finding> findings = new ArrayList<>();
        eachResponse(doc, (code, response, at) -> {
            if (!code.startsWith("2")) {
                return;
            }
            JsonNode content = response.path("content");
            if (code.equals("204") ? !content.isEmpty() && !content.isMissingNode()
                    : content.size() != 1 || !content.has("application/json") && !content.has("image/svg+xml") && !content.has("image/*")) {
                findings.add(new Finding("chat-success-is-json", at, code + " must answer " + (code.equals("204") ? "no body"
                        : "application/json only") + ", not " + iterableToString(content.fieldNames())));
            }
        });
        return findings;
    }

    /** The answers every call can give are listed: 503 everywhere, 401 where a token is needed, 400 and 415 where a body is. */
    static List<Finding> errorAnswersListed(JsonNode doc) {
        List<Finding> findings = new ArrayList<>();
        operations(doc, (op, at) -> {
            List<String> expected = new ArrayList<>(List.of("503"));
            if (op.path("security").isArray() && !op.path("security").isEmpty()) {
                expected.add("401");
            }
            if (op.has("requestBody")) {
                expected.addAll(List.of("400", "415"));
            }
            for (String code : expected) {
                if (!op.path("responses").has(code)) {
                    findings.add(new Finding("chat-error-answers-listed", at + ".responses", "no " + code + " answer"));
                }
            }
        });
        return findings;
    }

    /** Path parameters naming an id are UUIDs. */
    static List<Finding> idsAreUuids(JsonNode doc) {
        List<Finding> findings = new ArrayList<>();
        operations(doc, (op, at) -> op.path("parameters").forEach(parameter -> {
            JsonNode p = resolve(doc, parameter);
            if (p.path("name").asText().endsWith("Id") && !"uuid".equals(p.path("schema").path("format").asText())) {
                findings.add(new Finding("chat-ids-are-uuids", at + ".parameters." + p.path("name").asText(), "an id without format uuid"));
            }
        }));
        return findings;
    }

    /** Request and response bodies are named schemas (or arrays of them), not anonymous or untyped ones. */
    static List<Finding> bodiesAreNamedSchemas(JsonNode doc) {
        List<Finding> findings = new ArrayList<>();
        operations(doc, (op, at) -> {
            op.path("requestBody").path("content").fields().forEachRemaining(media -> {
                if (!isNamed(media.getValue().path("schema"))) {
                    findings.add(new Finding("chat-bodies-are-named-schemas", at + ".requestBody", "an unnamed request schema"));
                }
            });
        });
        eachResponse(doc, (code, response, at) -> response.path("content").fields().forEachRemaining(media -> {
            if (!isNamed(media.getValue().path("schema"))) {
                findings.add(new Finding("chat-bodies-are-named-schemas", at, "an unnamed or untyped answer schema"));
            }
        }));
        return findings;
    }

    static List<Finding> responseDescriptions(JsonNode doc) {
        List<Finding> findings = new ArrayList<>();
        eachResponse(doc, (code, response, at) -> {
            if (!isTruthy(response.path("description"))) {
                findings.add(new Finding("chat-response-descriptions", at, "a response without description"));
            }
        });
        return findings;
    }

    // ---- helpers ----

    interface ResponseVisitor {
        void visit(String code, JsonNode response, String at);
    }

    /** Each operation's responses, $refs followed. */
    private static void eachResponse(JsonNode doc, ResponseVisitor visitor) {
        operations(doc, (op, at) -> op.path("responses").fields().forEachRemaining(response -> visitor.visit(response.getKey(),
                resolve(doc, response.getValue()), at + ".responses[" + response.getKey() + "]")));
    }

    private static void operations(JsonNode doc, BiConsumer<JsonNode, String> visitor) {
        doc.path("paths").fields().forEachRemaining(item -> METHODS.forEach(method -> {
            JsonNode op = item.getValue().get(method);
            if (op != null && op.isObject()) {
                visitor.accept(op, "$.paths['" + item.getKey() + "']." + method);
            }
        }));
    }

    interface OperationCheck {
        /** @return the message, or null if the operation passes */
        String check(JsonNode op, String at);
    }

    private static List<Finding> eachOperation(JsonNode doc, String rule, OperationCheck check) {
        List<Finding> findings = new ArrayList<>();
        operations(doc, (op, at) -> {
            String message = check.check(op, at);
            if (message != null) {
                findings.add(new Finding(rule, at, message));
            }
        });
        return findings;
    }

    private static List<Finding> eachPath(JsonNode doc, String rule, Function<String, String> check) {
        List<Finding> findings = new ArrayList<>();
        doc.path("paths").fieldNames().forEachRemaining(path -> {
            String message = check.apply(path);
            if (message != null) {
                findings.add(new Finding(rule, "$.paths['" + path + "']", message));
            }
        });
        return findings;
    }

    private static List<Finding> truthy(String rule, String at, JsonNode value) {
        return isTruthy(value) ? List.of() : List.of(new Finding(rule, at, "must be present and non-empty"));
    }

    private static List<Finding> markdown(JsonNode doc, String rule, String forbidden) {
        List<Finding> findings = new ArrayList<>();
        walk(doc, "$", null, (node, at) -> {
            for (String key : List.of("description", "title")) {
                if (node.path(key).isTextual() && node.path(key).asText().contains(forbidden)) {
                    findings.add(new Finding(rule, at + "." + key, "Markdown descriptions must not have \"" + forbidden + "\"."));
                }
            }
        });
        return findings;
    }

    private static Set<String> pathParameterNames(JsonNode doc, JsonNode parameters, String at, List<Finding> findings) {
        Set<String> names = new HashSet<>();
        for (JsonNode parameter : parameters) {
            JsonNode p = resolve(doc, parameter);
            if (!"path".equals(p.path("in").asText()) || !p.has("name")) {
                continue;
            }
            String name = p.path("name").asText();
            if (!p.path("required").asBoolean(false)) {
                findings.add(new Finding("path-params", at, "Path parameter \"" + name + "\" must have \"required\" property that is set"
                        + " to \"true\"."));
            }
            if (!names.add(name)) {
                findings.add(new Finding("path-params", at, "Path parameter \"" + name + "\" must not be defined multiple times."));
            }
        }
        return names;
    }

    /**
     * Every object in the document with its JSON path; the values of a {@code properties} map are visited, the map itself
     * (whose keys are property names, not keywords) is not taken for a schema.
     */
    static void walk(JsonNode node, String at, String key, BiConsumer<JsonNode, String> visitor) {
        if (node.isObject()) {
            if (!"properties".equals(key)) {
                visitor.accept(node, at);
            }
            node.fields().forEachRemaining(field -> walk(field.getValue(), at + "." + field.getKey(), field.getKey(), visitor));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), at + "[" + i + "]", null, visitor);
            }
        }
    }

    /** A local $ref followed (once more if it points at another); anything else as it is. */
    static JsonNode resolve(JsonNode doc, JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; hops < 10 && current.path("$ref").isTextual(); hops++) {
            String ref = current.path("$ref").asText();
            if (!ref.startsWith("#/")) {
                return current;
            }
            current = doc.at(ref.substring(1));
        }
        return current;
    }

    private static boolean isSchemaLike(JsonNode node) {
        boolean sampled = node.has("example") || node.has("default") || node.path("examples").isArray();
        boolean typed = node.has("enum") || node.has("type") || node.has("format") || node.has("$ref") || node.has("properties")
                || node.has("items");
        return sampled && typed && !node.has("in");
    }

    private static boolean isNamed(JsonNode schema) {
        if (schema.path("$ref").asText().startsWith("#/components/schemas/")) {
            return true;
        }
        return hasType(schema, "array") && schema.path("items").path("$ref").asText().startsWith("#/components/schemas/");
    }

    private static boolean hasType(JsonNode node, String type) {
        JsonNode declared = node.path("type");
        return declared.isTextual() ? declared.asText().equals(type) : declared.isArray() && contains(declared, TextNode.valueOf(type));
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode element : array) {
            if (element.equals(value)) {
                return true;
            }
        }
        return false;
    }

    static boolean matchesType(JsonNode value, JsonNode type) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (matchesType(value, one)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber() || value.isNumber() && value.asDouble() == Math.rint(value.asDouble());
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "null" -> value.isNull();
            default -> false;
        };
    }

    private static boolean isTruthy(JsonNode value) {
        return !value.isMissingNode() && !value.isNull() && !(value.isTextual() && value.asText().isEmpty())
                && !(value.isBoolean() && !value.asBoolean());
    }

    private static String iterableToString(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list.toString();
    }

    /**
     * The part of JSON Schema (2020-12, as OpenAPI 3.1 uses it) this document's schemas use, enough to check examples and
     * defaults against them. A keyword it does not know is reported rather than skipped, so a new one cannot pass unchecked.
     */
    static final class SchemaCheck {

        private SchemaCheck() {
        }

        static List<String> errors(JsonNode doc, JsonNode value, JsonNode schema) {
            List<String> errors = new ArrayList<>();
            check(doc, value, schema, "", errors, 0);
            return errors;
        }

        private static void check(JsonNode doc, JsonNode value, JsonNode schema, String at, List<String> errors, int depth) {
            if (depth > 32 || schema.isBoolean()) {
                if (schema.isBoolean() && !schema.asBoolean()) {
                    errors.add(at + " is not allowed");
                }
                return;
            }
            if (value.isNull() && schema.path("nullable").asBoolean(false)) {
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> keywords = schema.fields(); keywords.hasNext();) {
                Map.Entry<String, JsonNode> keyword = keywords.next();
                JsonNode arg = keyword.getValue();
                switch (keyword.getKey()) {
                    case "$ref" -> check(doc, value, resolve(doc, schema), at, errors, depth + 1);
                    case "type" -> {
                        if (!matchesType(value, arg)) {
                            errors.add(at + " " + value + " is not of type " + arg);
                        }
                    }
                    case "enum" -> {
                        if (!contains(arg, value)) {
                            errors.add(at + " " + value + " is not one of " + arg);
                        }
                    }
                    case "const" -> {
                        if (!arg.equals(value)) {
                            errors.add(at + " " + value + " is not " + arg);
                        }
                    }
                    case "format" -> format(value, arg.asText(), at, errors);
                    case "minimum" -> {
                        if (value.isNumber() && value.asDouble() < arg.asDouble()) {
                            errors.add(at + " " + value + " is below the minimum " + arg);
                        }
                    }
                    case "maximum" -> {
                        if (value.isNumber() && value.asDouble() > arg.asDouble()) {
                            errors.add(at + " " + value + " is above the maximum " + arg);
                        }
                    }
                    case "minLength" -> {
                        if (value.isTextual() && value.asText().codePointCount(0, value.asText().length()) < arg.asInt()) {
                            errors.add(at + " is shorter than " + arg);
                        }
                    }
                    case "maxLength" -> {
                        if (value.isTextual() && value.asText().codePointCount(0, value.asText().length()) > arg.asInt()) {
                            errors.add(at + " is longer than " + arg);
                        }
                    }
                    case "pattern" -> {
                        if (value.isTextual() && !Pattern.compile(arg.asText()).matcher(value.asText()).find()) {
                            errors.add(at + " " + value + " does not match " + arg);
                        }
                    }
                    case "required" -> arg.forEach(name -> {
                        if (value.isObject() && !value.has(name.asText())) {
                            errors.add(at + " lacks the required " + name.asText());
                        }
                    });
                    case "properties" -> arg.fields().forEachRemaining(property -> {
                        if (value.isObject() && value.has(property.getKey())) {
                            check(doc, value.get(property.getKey()), property.getValue(), at + "." + property.getKey(), errors, depth + 1);
                        }
                    });
                    case "additionalProperties" -> value.fieldNames().forEachRemaining(name -> {
                        if (value.isObject() && !schema.path("properties").has(name)) {
                            check(doc, value.get(name), arg, at + "." + name, errors, depth + 1);
                        }
                    });
                    case "items" -> {
                        if (value.isArray()) {
                            for (int i = 0; i < value.size(); i++) {
                                check(doc, value.get(i), arg, at + "[" + i + "]", errors, depth + 1);
                            }
                        }
                    }
                    case "minItems", "maxItems" -> {
                        boolean min = keyword.getKey().equals("minItems");
                        if (value.isArray() && (min ? value.size() < arg.asInt() : value.size() > arg.asInt())) {
                            errors.add(at + " has " + value.size() + " items, " + keyword.getKey() + " " + arg);
                        }
                    }
                    case "allOf" -> arg.forEach(part -> check(doc, value, part, at, errors, depth + 1));
                    case "anyOf", "oneOf" -> {
                        int fitting = 0;
                        for (JsonNode part : arg) {
                            List<String> partErrors = new ArrayList<>();
                            check(doc, value, part, at, partErrors, depth + 1);
                            fitting += partErrors.isEmpty() ? 1 : 0;
                        }
                        if (fitting == 0 || keyword.getKey().equals("oneOf") && fitting > 1) {
                            errors.add(at + " fits " + fitting + " of the " + keyword.getKey() + " schemas");
                        }
                    }
                    default -> {
                        if (!ANNOTATIONS.contains(keyword.getKey())) {
                            errors.add(at + " the keyword " + keyword.getKey() + " is not checked by this linter: teach SchemaCheck");
                        }
                    }
                }
            }
        }

        /** The formats this document uses; like ajv-formats, other formats are not checked. */
        private static void format(JsonNode value, String format, String at, List<String> errors) {
            if (!value.isTextual() && !value.isNumber()) {
                return;
            }
            String text = value.asText();
            boolean ok = switch (format) {
                case "uuid" -> !value.isTextual() || UUID.matcher(text).matches();
                case "date-time" -> !value.isTextual() || isDateTime(text);
                case "email" -> !value.isTextual() || text.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");
                case "int32" -> !value.isNumber() || value.canConvertToInt();
                case "int64" -> !value.isNumber() || value.canConvertToLong();
                default -> true;
            };
            if (!ok) {
                errors.add(at + " " + value + " is not a valid " + format);
            }
        }

        private static boolean isDateTime(String text) {
            try {
                OffsetDateTime.parse(text);
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }
}
