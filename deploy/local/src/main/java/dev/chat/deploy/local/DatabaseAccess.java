package dev.chat.deploy.local;

import java.util.Map;

/** One service's own database on the local PostgreSQL, and the credentials that only that service gets. */
public record DatabaseAccess(String host, int port, String database, String username, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    /** The Quarkus datasource settings: reactive for the service, JDBC only for Flyway's migrations. */
    public Map<String, String> quarkusConfig() {
        return Map.of(
                "quarkus.datasource.username", username,
                "quarkus.datasource.password", password,
                "quarkus.datasource.reactive.url", reactiveUrl(),
                "quarkus.datasource.jdbc.url", jdbcUrl());
    }
}
