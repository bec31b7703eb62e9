package dev.chat.user.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chat.contracts.Claims;
import dev.chat.contracts.Commands.ListUsers;
import dev.chat.contracts.ServiceReply;
import dev.chat.contracts.ServiceRequest.Caller;
import dev.chat.deploy.local.RealInfrastructureResource;
import dev.chat.support.Times;
import dev.chat.user.config.UserServiceConfig;
import dev.chat.user.domain.AccountValidation;
import dev.chat.user.messaging.UserReplies;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Accounts against the real users database, Redis and Kafka. Each call runs on a Vert.x context, as the Kafka
 * handler runs it, and its outcome is turned into the reply the gateway would get by the service's one mapper.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "service", value = "user-service"))
class AccountServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AccountService accounts;

    @Inject
    UserReplies replies;

    @Inject
    ObjectMapper mapper;

    @Inject
    Pool pool;

    @Inject
    UserServiceConfig config;

    static AccountOutcome outcome(Supplier<Uni<AccountOutcome>> call) {
        return OnVertxContext.await(call);
    }

    ServiceReply await(Supplier<Uni<AccountOutcome>> call) {
        return replies.of(outcome(call));
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
        return await(() -> accounts.register(json("username", username, "password", password, "email", username + "@example.org")));
    }

    ServiceReply login(String username, String password) {
        return await(() -> accounts.login(json("username", username, "password", password)));
    }

    Row row(String sql, Object... params) {
        var rows = pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(WAIT);
        assertEquals(1, rows.size(), sql);
        return rows.iterator().next();
    }

    @Test
    void registersAndRefusesTheSameNameInAnyCase() {
        String name = uniqueName();
        ServiceReply created = register(name, "correct horse");
        assertEquals(201, created.status());
        assertEquals(name, created.body().get("username").asText());
        UUID id = UUID.fromString(created.body().get("id").asText());
        assertEquals(7, id.version());
        assertFalse(created.body().has("passwordHash"));

        // Stored as answered: the case-folded key, the bcrypt hash, the very instant (no time-zone shift).
        Row stored = row("select username_key, password_hash, created_at, last_seen_at from users where id = $1", id);
        assertEquals(name.toLowerCase(), stored.getString("username_key"));
        assertTrue(stored.getString("password_hash").startsWith("$2"));
        assertEquals(Instant.parse(created.body().get("createdAt").asText()), Times.instant(stored, "created_at"));
        assertNull(stored.getValue("last_seen_at"));

        AccountOutcome again = outcome(() -> accounts.register(json("username", name.toUpperCase(), "password", "another password",
                "email", "x@example.org")));
        assertEquals(new AccountOutcome.UsernameTaken(name.toUpperCase()), again);
        ServiceReply taken = replies.of(again);
        assertEquals(409, taken.status());
        assertEquals("username_taken", taken.body().get("code").asText());
    }

    @Test
    void invalidRegistrationIsA400WithTheFields() {
        ServiceReply reply = await(() -> accounts.register(json("username", "x", "password", "short", "email", "nope")));
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
        assertTrue(claims.hasNonNull(Claims.SESSION_ID));
        assertEquals(900, claims.get("exp").asLong() - claims.get("iat").asLong());
        assertTrue(signatureIsValid(parts), "signed with the key whose public half the gateways hold");
    }

    @Test
    void aLoginStoresItsSessionAndRefreshTokenAtTheTimeOfTheLogin() throws Exception {
        String name = uniqueName();
        register(name, "correct horse");
        Instant before = Times.now();
        JsonNode pair = login(name, "correct horse").body();
        Instant after = Times.now();
        JsonNode claims = mapper.readTree(Base64.getUrlDecoder().decode(pair.get("accessToken").asText().split("\\.")[1]));
        UUID sessionId = UUID.fromString(claims.get(Claims.SESSION_ID).asText());

        Row session = row("select s.user_id, s.created_at, s.revoked_at, r.created_at as token_created_at, r.expires_at "
                + "from sessions s join refresh_tokens r on r.session_id = s.id where s.id = $1", sessionId);
        assertEquals(claims.get("sub").asText(), session.getUUID("user_id").toString());
        Instant opened = Times.instant(session, "created_at");
        assertFalse(opened.isBefore(before) || opened.isAfter(after), opened + " is not between " + before + " and " + after);
        assertEquals(opened, Times.instant(session, "token_created_at"));
        assertEquals(opened.plus(config.refreshTokenTtl()), Times.instant(session, "expires_at"));
        assertNull(session.getValue("revoked_at"));
    }

    @Test
    void wrongPasswordAndUnknownUserLookTheSame() {
        String name = uniqueName();
        register(name, "correct horse");
        AccountOutcome wrong = outcome(() -> accounts.login(json("username", name, "password", "wrong horse")));
        AccountOutcome unknown = outcome(() -> accounts.login(json("username", uniqueName(), "password", "correct horse")));
        assertInstanceOf(AccountOutcome.InvalidCredentials.class, wrong);
        assertEquals(wrong, unknown);
        assertEquals(401, replies.of(wrong).status());
        assertEquals(replies.of(wrong).body(), replies.of(unknown).body());
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
    void refreshRotatesAndATokenReusedAfterTheGraceEndsTheSession() {
        String name = uniqueName();
        register(name, "correct horse");
        String first = login(name, "correct horse").body().get("refreshToken").asText();

        ServiceReply rotated = await(() -> accounts.refresh(json("refreshToken", first)));
        assertEquals(200, rotated.status());
        String second = rotated.body().get("refreshToken").asText();
        assertNotEquals(first, second);
        assertEquals(name, rotated.body().get("user").get("username").asText());

        // Swapped longer ago than the grace: presented again, it is taken as stolen.
        swappedAgo(first, config.refreshReuseGrace().plusSeconds(1));
        ServiceReply reused = await(() -> accounts.refresh(json("refreshToken", first)));
        assertEquals(401, reused.status());
        assertEquals("invalid_refresh_token", reused.body().get("code").asText());
        // The theft response ends the session: the legitimate newer token is refused too.
        assertNotNull(sessionOf(second).getValue("revoked_at"));
        assertEquals(401, await(() -> accounts.refresh(json("refreshToken", second))).status());
    }

    /**
     * Issue 14: a refresh whose answer was lost (the gateway timed out) is retried with the same token. Within the grace
     * it gets a fresh pair and the session lives on; the token it retired is not left usable beside the new one's.
     */
    @Test
    void aRefreshRetriedWithinTheGraceGetsAFreshPairAndKeepsTheSession() {
        String name = uniqueName();
        register(name, "correct horse");
        String first = login(name, "correct horse").body().get("refreshToken").asText();
        String lost = await(() -> accounts.refresh(json("refreshToken", first))).body().get("refreshToken").asText();

        ServiceReply retried = await(() -> accounts.refresh(json("refreshToken", first)));
        assertEquals(200, retried.status(), retried.toString());
        String fresh = retried.body().get("refreshToken").asText();
        assertNotEquals(lost, fresh);
        assertNotEquals(first, fresh);
        assertNull(sessionOf(fresh).getValue("revoked_at"));
        // One live token per session: the lost answer's token was retired with the retry.
        assertEquals(1L, row("select count(*) as live from refresh_tokens where session_id = $1 and replaced_at is null",
                sessionOf(fresh).getUUID("id")).getLong("live"));

        ServiceReply next = await(() -> accounts.refresh(json("refreshToken", fresh)));
        assertEquals(200, next.status());
        assertNull(sessionOf(fresh).getValue("revoked_at"));
    }

    /** Marks a refresh token as swapped that long ago. */
    void swappedAgo(String refreshToken, Duration ago) {
        pool.preparedQuery("update refresh_tokens set replaced_at = $2 where token_hash = $1")
                .execute(Tuple.of(Buffer.buffer(RefreshTokens.hash(refreshToken)), Times.utc(Instant.now().minus(ago))))
                .await().atMost(WAIT);
    }

    /** The session a refresh token belongs to. */
    Row sessionOf(String refreshToken) {
        return row("select s.id, s.revoked_at from sessions s join refresh_tokens r on r.session_id = s.id where r.token_hash = $1",
                Buffer.buffer(RefreshTokens.hash(refreshToken)));
    }

    /**
     * Issue 14: credentials no account can have (a username against the registration rules, a password bcrypt would cut
     * at 72 bytes) are refused at once: no hash, no throttle entry, the same answer as a wrong password.
     */
    @Test
    void credentialsNoAccountCanHaveAreRefusedWithoutHashingOrThrottling() {
        String tooLong = "a".repeat(AccountValidation.USERNAME_MAX + 8);
        for (int i = 0; i <= config.loginThrottle().maxFailures(); i++) {
            ServiceReply refused = login(tooLong, "wrong horse");
            assertEquals(401, refused.status());
            assertEquals("invalid_credentials", refused.body().get("code").asText());
        }
        // bcrypt reads 72 bytes; a longer password whose first 72 are right must not pass for the account's.
        String name = uniqueName();
        String password = "p".repeat(72);
        register(name, password);
        assertEquals(401, login(name, password + " and more").status());
        assertEquals(200, login(name, password).status());
    }

    @Test
    void logoutEndsTheSessionsRefreshToken() throws Exception {
        String name = uniqueName();
        register(name, "correct horse");
        JsonNode pair = login(name, "correct horse").body();
        JsonNode claims = mapper.readTree(Base64.getUrlDecoder().decode(pair.get("accessToken").asText().split("\\.")[1]));
        Caller caller = new Caller(claims.get("sub").asText(), name, claims.get(Claims.SESSION_ID).asText());

        assertEquals(204, await(() -> accounts.logout(caller)).status());
        assertNotNull(row("select revoked_at from sessions where id = $1", UUID.fromString(caller.sessionId()))
                .getValue("revoked_at"));
        assertEquals(401, await(() -> accounts.refresh(json("refreshToken", pair.get("refreshToken").asText()))).status());
        // Ending it again still answers done (the revocation is published again), and a call without a session cannot.
        assertEquals(204, await(() -> accounts.logout(caller)).status());
        assertEquals(new AccountOutcome.NoSession(), outcome(() -> accounts.logout(new Caller(caller.userId(), name, null))));
    }

    @Test
    void meIsTheCallersOwnProfile() {
        String name = uniqueName();
        String userId = register(name, "correct horse").body().get("id").asText();
        ServiceReply me = await(() -> accounts.me(new Caller(userId, name, null)));
        assertEquals(200, me.status());
        assertEquals(name, me.body().get("username").asText());
        assertEquals(name + "@example.org", me.body().get("email").asText());

        ServiceReply gone = await(() -> accounts.me(new Caller(UUID.randomUUID().toString(), "ghost", null)));
        assertEquals(404, gone.status());
        assertEquals("not_found", gone.body().get("code").asText());
    }

    @Test
    void refreshInputIsValidated() {
        assertEquals(400, await(() -> accounts.refresh(json())).status());
        assertEquals(401, await(() -> accounts.refresh(json("refreshToken", "made-up"))).status());
    }

    @Test
    void listsUsersByPrefixWithoutEmails() {
        String prefix = uniqueName();
        register(prefix + "a", "correct horse");
        register(prefix + "b", "correct horse");
        ServiceReply reply = await(() -> accounts.list(new ListUsers(prefix.toUpperCase(), null, "1")));
        assertEquals(200, reply.status());
        assertEquals(1, reply.body().size());
        assertEquals(prefix + "a", reply.body().get(0).get("username").asText());
        assertFalse(reply.body().get(0).has("email"));
        assertEquals(400, await(() -> accounts.list(new ListUsers(null, null, "500"))).status());
        assertEquals(400, await(() -> accounts.list(new ListUsers(null, "maybe", null))).status());
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
