package vn.ecomdss.extract.partner;

import java.time.Duration;
import java.time.Instant;

/** An access token and the refresh token that renews it, each with its expiry, as a partner API issued them. */
public record PartnerToken(String accessToken, Instant accessExpiresAt, String refreshToken, Instant refreshExpiresAt) {

    /** Whether the access token expires within {@code margin} of {@code now}, so it is renewed before a call fails. */
    public boolean accessDue(Instant now, Duration margin) {
        return !accessExpiresAt.isAfter(now.plus(margin));
    }

    public boolean refreshExpired(Instant now) {
        return !refreshExpiresAt.isAfter(now);
    }

    @Override
    public String toString() {
        return "PartnerToken[access expires " + accessExpiresAt + ", refresh expires " + refreshExpiresAt + "]";
    }
}
