package vn.ecomdss.extract.partner;

import java.time.Duration;
import java.time.Instant;

/**
 * An access token and the refresh token that renews it, each with its expiry, as a partner API issued them. A
 * token that came without a refresh token (OAuth client credentials, Tiki's in-house app; a login with the app's
 * key and secret, Sendo) has neither refresh field, both null: it is renewed by asking for a new grant or logging
 * in again ({@link PartnerApi#authorizeWithoutCode}).
 */
public record PartnerToken(String accessToken, Instant accessExpiresAt, String refreshToken, Instant refreshExpiresAt) {

    /** A token that comes without a refresh token: a client-credentials grant's or a login's. */
    public static PartnerToken withoutRefresh(String accessToken, Instant accessExpiresAt) {
        return new PartnerToken(accessToken, accessExpiresAt, null, null);
    }

    /** Whether the access token expires within {@code margin} of {@code now}, so it is renewed before a call fails. */
    public boolean accessDue(Instant now, Duration margin) {
        return !accessExpiresAt.isAfter(now.plus(margin));
    }

    /** Whether the refresh token has expired; a token without one never has, a new grant renews it. */
    public boolean refreshExpired(Instant now) {
        return refreshExpiresAt != null && !refreshExpiresAt.isAfter(now);
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
