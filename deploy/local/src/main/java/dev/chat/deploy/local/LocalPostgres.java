package dev.chat.deploy.local;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL server from zonky's Maven-packaged binaries, one database and role per service. */
final class LocalPostgres implements AutoCloseable {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,30}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final boolean keepData;

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDirectory, boolean keepData) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.keepData = keepData;
    }

    static LocalPostgres start(Path dataDirectory, boolean keepData) throws IOException {
        return start(dataDirectory, keepData, FreePorts.next());
    }

    /** Stops the server and starts it again on the same port and data (a database restart, for fault tests). */
    LocalPostgres restart() throws IOException {
        int port = postgres.getPort();
        close();
        return start(dataDirectory, keepData, port);
    }

    private static LocalPostgres start(Path dataDirectory, boolean keepData, int port) throws IOException {
        ChildProcesses.stopStalePostgres(dataDirectory);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                // Never cleaned by the library: it would delete the data when the server stops, and a restart needs it.
                // A test's data folder is new and deleted with its infrastructure (LocalInfrastructure#close).
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("max_connections", "300")
                .setServerConfig("listen_addresses", "127.0.0.1")
                // Tests throw the data away; durability costs them time and buys nothing.
                .setServerConfig("fsync", keepData ? "on" : "off")
                .setServerConfig("synchronous_commit", keepData ? "on" : "off")
                .start();
        return new LocalPostgres(postgres, dataDirectory, keepData);
    }

    /**
     * Creates the database and its owning role if they are missing, and gives the role a fresh password:
     * nothing secret has to be kept between runs, and no service can log in to another's database.
     */
    DatabaseAccess database(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        String password = HexFormat.of().formatHex(randomBytes());
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            if (!exists(connection, "select 1 from pg_roles where rolname = ?", name)) {
                statement.execute("create role " + name + " login");
            }
            statement.execute("alter role " + name + " with login password '" + password + "'");
            if (!exists(connection, "select 1 from pg_database where datname = ?", name)) {
                statement.execute("create database " + name + " owner " + name);
            }
            statement.execute("revoke all on database " + name + " from public");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare database " + name, e);
        }
        return new DatabaseAccess("127.0.0.1", postgres.getPort(), name, name, password);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
