package vn.ecomdss.extract.partner;

import java.time.Duration;
import java.time.Instant;

/**
 * An access token and the refresh token that renews it, each with its expiry, as a partner API issued them. A
 * platform whose app logs in with its key and secret (Sendo) issues no refresh token: both of its fields are null,
 * and the token is renewed by logging in again.
 */
public record PartnerToken(String accessToken, Instant accessExpiresAt, String refreshToken, Instant refreshExpiresAt) {

    /** A token a login issued, renewed by another login. */
    public static PartnerToken loggedIn(String accessToken, Instant accessExpiresAt) {
        return new PartnerToken(accessToken, accessExpiresAt, null, null);
    }

    /** Whether the access token expires within {@code margin} of {@code now}, so it is renewed before a call fails. */
    public boolean accessDue(Instant now, Duration margin) {
        return !accessExpiresAt.isAfter(now.plus(margin));
    }

    /** Whether the refresh token has expired; a token without one never has, a new login renews it. */
    public boolean refreshExpired(Instant now) {
        return refreshExpiresAt != null && !refreshExpiresAt.isAfter(now);
    }

    @Override
    public String toString() {
        return "PartnerToken[access expires " + accessExpiresAt + ", "
                + (refreshToken == null ? "no refresh token" : "refresh expires " + refreshExpiresAt) + "]";
    }
}
