package vn.ecomdss.ops.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may use the server: people with bcrypt password hashes and machines with API tokens, each with roles.
 * VIEWER reads; OPERATOR also launches, stops, restarts, abandons and pauses. A token is configured by the
 * SHA-256 of its value (hex), so configuration never holds a usable secret; clients send
 * {@code Authorization: Bearer <token>}. With {@code demoUsers} (the server profile's default, for local use only)
 * and nothing else configured, {@code operator}/{@code operator} and {@code viewer}/{@code viewer} exist, and only
 * while the server listens on a loopback address.
 */
@ConfigurationProperties("dss.security")
public record AccessProperties(List<User> users, List<Token> tokens, boolean demoUsers) {

    public enum Role { VIEWER, OPERATOR }

    public record User(String name, String passwordHash, List<Role> roles) {
    }

    public record Token(String name, String sha256, List<Role> roles) {
    }

    public AccessProperties {
        users = users == null ? List.of() : List.copyOf(users);
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }
}
