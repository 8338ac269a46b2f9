package vn.ecomdss.extract.partner;

import java.time.Duration;
import java.time.Instant;

/**
 * An access token and the refresh token that renews it, each with its expiry, as a partner API issued them. A
 * token granted without a refresh token (OAuth client credentials) has an empty one that expires with the access
 * token: it is renewed by asking for a new grant.
 */
public record PartnerToken(String accessToken, Instant accessExpiresAt, String refreshToken, Instant refreshExpiresAt) {

    /** A token that comes without a refresh token. */
    public static PartnerToken withoutRefresh(String accessToken, Instant accessExpiresAt) {
        return new PartnerToken(accessToken, accessExpiresAt, "", accessExpiresAt);
    }

    /** Whether the access token expires within {@code margin} of {@code now}, so it is renewed before a call fails. */
    public boolean accessDue(Instant now, Duration margin) {
        return !accessExpiresAt.isAfter(now.plus(margin));
    }

    public boolean refreshExpired(Instant now) {
        return !refreshExpiresAt.isAfter(now);
    }

    /** Whether a refresh token came with the access token. */
    public boolean refreshable() {
        return refreshToken != null && !refreshToken.isEmpty();
    }

    @Override
    public String toString() {
        return "PartnerToken[access expires " + accessExpiresAt
                + (refreshable() ? ", refresh expires " + refreshExpiresAt : ", no refresh token") + "]";
    }
}
