package dev.chat.gateway.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * Who is calling, as far as the gateway can tell: the connection's remote address, or, when the operator says a proxy of
 * theirs is in front ({@code HTTP_TRUST_PROXY}), the address that proxy appended to {@code X-Forwarded-For}. Only the
 * last entry is taken: the ones before it came from the client and can say anything.
 */
public final class ClientAddress {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    static final String FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String FORWARDED_HOST = "X-Forwarded-Host";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private ClientAddress() {
    }

    /** The client's address as text; "unknown" when there is none (a test's in-memory request). */
    public static String of(HttpServerRequest request, boolean trustProxy) {
        if (trustProxy) {
            String forwarded = literal(last(request.getHeader(FORWARDED_FOR)));
            if (forwarded != null) {
                return forwarded;
            }
        }
        SocketAddress remote = request.remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }

    /**
     * The key an address is limited by. An IPv6 client is given a whole /64 by its provider, so it is counted by that
     * prefix: otherwise one machine could be millions of clients.
     */
    public static String limitKey(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException e) {
            return address;
        }
    }

    /** Whether the client reached us over TLS: the connection itself, or the trusted proxy's {@code X-Forwarded-Proto}. */
    public static boolean isSecure(HttpServerRequest request, boolean trustProxy) {
        if (request.isSSL()) {
            return true;
        }
        String proto = trustProxy ? last(request.getHeader(FORWARDED_PROTO)) : null;
        return proto != null && proto.toLowerCase(Locale.ROOT).equals("https");
    }

    /**
     * The host (and port) the client asked for: {@code Host}, or behind the trusted proxy the {@code X-Forwarded-Host} it
     * set, for a proxy that rewrites {@code Host} to the gateway's own.
     */
    public static String host(HttpServerRequest request, boolean trustProxy) {
        String forwarded = trustProxy ? last(request.getHeader(FORWARDED_HOST)) : null;
        return forwarded != null ? forwarded : request.getHeader("Host");
    }

    private static String last(String header) {
        if (header == null) {
            return null;
        }
        String entry = header.substring(header.lastIndexOf(',') + 1).trim();
        return entry.isEmpty() ? null : entry;
    }

    /** An IP literal from a forwarded entry ("1.2.3.4", "1.2.3.4:5678", "[::1]:80", "::1"); null if it is none. */
    static String literal(String entry) {
        if (entry == null) {
            return null;
        }
        String address = entry;
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            address = end < 0 ? "" : address.substring(1, end);
        } else if (address.indexOf(':') == address.lastIndexOf(':') && address.indexOf(':') > 0) {
            address = address.substring(0, address.indexOf(':'));
        }
        if (IPV4.matcher(address).matches()) {
            return address;
        }
        if (address.indexOf(':') >= 0 && IPV6.matcher(address).matches()) {
            try {
                // A literal: parsed, never looked up.
                return InetAddress.getByName(address).getHostAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }
}
