package dev.chat.user.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chat.contracts.ServiceReply;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.deploy.local.RealInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;

/** Accounts against the real users database, Redis and Kafka. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "user-service"))
class AccountServiceTest {

    @Inject
    AccountService accounts;

    @Inject
    ObjectMapper mapper;

    static ServiceReply await(Uni<ServiceReply> reply) {
        return reply.await().atMost(Duration.ofSeconds(30));
    }

    static String uniqueName() {
        return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    ObjectNode json(String... pairs) {
        ObjectNode node = mapper.createObjectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            node.put(pairs[i], pairs[i + 1]);
        }
        return node;
    }

    ServiceReply register(String username, String password) {
        return await(accounts.register(json("username", username, "password", password, "email", username + "@example.org")));
    }

    ServiceReply login(String username, String password) {
        return await(accounts.login(json("username", username, "password", password)));
    }

    @Test
    void registersAndRefusesTheSameNameInAnyCase() {
        String name = uniqueName();
        ServiceReply created = register(name, "correct horse");
        assertEquals(201, created.status());
        assertEquals(name, created.body().get("username").asText());
        assertEquals(7, UUID.fromString(created.body().get("id").asText()).version());
        assertFalse(created.body().has("passwordHash"));

        ServiceReply again = register(name.toUpperCase(), "another password");
        assertEquals(409, again.status());
        assertEquals("username_taken", again.body().get("code").asText());
    }

    @Test
    void invalidRegistrationIsA400WithTheFields() {
        ServiceReply reply = await(accounts.register(json("username", "x", "password", "short", "email", "nope")));
        assertEquals(400, reply.status());
        assertEquals("validation_failed", reply.body().get("code").asText());
        assertEquals(3, reply.body().get("errors").size());
    }

    @Test
    void loginIssuesASignedTokenForTheUser() throws Exception {
        String name = uniqueName();
        String userId = register(name, "correct horse").body().get("id").asText();
        ServiceReply reply = login(name.toUpperCase(), "correct horse");
        assertEquals(200, reply.status());
        assertEquals("Bearer", reply.body().get("tokenType").asText());
        assertEquals(900, reply.body().get("expiresIn").asLong());
        assertEquals(userId, reply.body().get("user").get("id").asText());

        String[] parts = reply.body().get("accessToken").asText().split("\\.");
        JsonNode header = mapper.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = mapper.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals("RS256", header.get("alg").asText());
        assertEquals(userId, claims.get("sub").asText());
        assertEquals(name, claims.get("upn").asText());
        assertTrue(claims.hasNonNull("jti"));
        assertTrue(claims.hasNonNull("sid"));
        assertEquals(900, claims.get("exp").asLong() - claims.get("iat").asLong());
        assertTrue(signatureIsValid(parts), "signed with the key whose public half the gateways hold");
    }

    @Test
    void wrongPasswordAndUnknownUserLookTheSame() {
        String name = uniqueName();
        register(name, "correct horse");
        ServiceReply wrong = login(name, "wrong horse");
        ServiceReply unknown = login(uniqueName(), "correct horse");
        assertEquals(401, wrong.status());
        assertEquals(401, unknown.status());
        assertEquals(wrong.body().get("code"), unknown.body().get("code"));
        assertEquals(wrong.body().get("detail"), unknown.body().get("detail"));
    }

    @Test
    void repeatedFailuresAreThrottledUntilTheWindowEnds() {
        String name = uniqueName();
        register(name, "correct horse");
        for (int i = 0; i < 10; i++) {
            assertEquals(401, login(name, "wrong horse " + i).status());
        }
        ServiceReply blocked = login(name, "correct horse");
        assertEquals(429, blocked.status());
        assertEquals("rate_limited", blocked.body().get("code").asText());
    }

    @Test
    void refreshRotatesAndAReusedTokenEndsTheSession() {
        String name = uniqueName();
        register(name, "correct horse");
        String first = login(name, "correct horse").body().get("refreshToken").asText();

        ServiceReply rotated = await(accounts.refresh(json("refreshToken", first)));
        assertEquals(200, rotated.status());
        String second = rotated.body().get("refreshToken").asText();
        assertNotEquals(first, second);

        ServiceReply reused = await(accounts.refresh(json("refreshToken", first)));
        assertEquals(401, reused.status());
        assertEquals("invalid_refresh_token", reused.body().get("code").asText());
        // The theft response ends the session: the legitimate newer token is refused too.
        assertEquals(401, await(accounts.refresh(json("refreshToken", second))).status());
    }

    @Test
    void logoutEndsTheSessionsRefreshToken() throws Exception {
        String name = uniqueName();
        register(name, "correct horse");
        JsonNode pair = login(name, "correct horse").body();
        JsonNode claims = mapper.readTree(Base64.getUrlDecoder().decode(pair.get("accessToken").asText().split("\\.")[1]));
        Caller caller = new Caller(claims.get("sub").asText(), name, claims.get("sid").asText());

        assertEquals(204, await(accounts.logout(caller)).status());
        assertEquals(401, await(accounts.refresh(json("refreshToken", pair.get("refreshToken").asText()))).status());
    }

    @Test
    void refreshInputIsValidated() {
        assertEquals(400, await(accounts.refresh(json())).status());
        assertEquals(401, await(accounts.refresh(json("refreshToken", "made-up"))).status());
    }

    @Test
    void listsUsersByPrefixWithoutEmails() {
        String prefix = uniqueName();
        register(prefix + "a", "correct horse");
        register(prefix + "b", "correct horse");
        ServiceReply reply = await(accounts.list(json("query", prefix.toUpperCase(), "limit", "1")));
        assertEquals(200, reply.status());
        assertEquals(1, reply.body().size());
        assertEquals(prefix + "a", reply.body().get(0).get("username").asText());
        assertFalse(reply.body().get(0).has("email"));
        assertEquals(400, await(accounts.list(json("limit", "500"))).status());
    }

    private static boolean signatureIsValid(String[] parts) throws Exception {
        String pem = Files.readString(RealInfrastructureResource.shared().jwtKeys().publicKey())
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(key);
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
    }
}
