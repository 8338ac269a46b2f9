package vn.ecomdss.extract.partner;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.ecomdss.extract.SourceProgress;

/**
 * Calls one source's partner API with a valid token. The token comes from the {@link PartnerTokenStore}, or from
 * the operator's authorization code the first time (or, where the platform allows, without one: a client-credentials
 * grant, or a login for a platform that needs no code); it is refreshed ahead of its expiry, and once more when the
 * platform rejects it anyway, a token without a refresh token by asking for a new grant or logging in again. A
 * rate-limited call waits as the platform says (or backs off) and is retried, at most {@code maxRetries} times; a
 * refused signature fails at once, naming the secret to check.
 */
public final class PartnerSession {

    private static final Logger log = LoggerFactory.getLogger(PartnerSession.class);
    /** Renewed this long before it expires, so a page read near the expiry does not fail mid-run. */
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(10);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_WAIT = Duration.ofSeconds(60);

    /** How the session waits on a rate limit; tests can count the waits. */
    public interface Sleeper {
        void sleep(Duration wait) throws InterruptedException;
    }

    private final String source;
    private final PartnerApi api;
    private final PartnerCredentials credentials;
    private final PartnerTokenStore tokens;
    private final int maxRetries;
    private final Clock clock;
    private final Sleeper sleeper;
    private PartnerToken token;

    public PartnerSession(String source, PartnerApi api, PartnerCredentials credentials, PartnerTokenStore tokens,
                          int maxRetries, Clock clock, Sleeper sleeper) {
        this.source = source;
        this.api = api;
        this.credentials = credentials;
        this.tokens = tokens;
        this.maxRetries = maxRetries;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public static PartnerSession of(String source, PartnerApi api, PartnerCredentials credentials,
                                    PartnerTokenStore tokens, int maxRetries) {
        return new PartnerSession(source, api, credentials, tokens, maxRetries, Clock.systemUTC(),
                wait -> Thread.sleep(wait.toMillis()));
    }

    /** Calls {@code apiPath}; returns the platform's answer once it is OK. */
    public PartnerResponse get(String apiPath, Map<String, ?> params, SourceProgress progress) {
        boolean refreshed = false;
        for (int attempt = 0; ; attempt++) {
            PartnerResponse response = api.call(apiPath, params, token().accessToken());
            progress.page(response.bytes());
            switch (response.outcome()) {
                case OK -> {
                    return response;
                }
                case TOKEN_REJECTED -> {
                    if (refreshed) {
                        throw new PartnerApiException(source + ": " + apiPath + " rejected a freshly refreshed token: "
                                + response.describe() + (api.needsAuthCode()
                                ? "; authorize the app again (" + PartnerCredentials.variables(source) + ")"
                                : "; check the app's key and secret (" + PartnerCredentials.variables(source,
                                PartnerCredentials.LOGIN_KEYS) + ")"));
                    }
                    log.info("{}: {} rejected the access token ({}), refreshing it once", source, apiPath, response.code());
                    token = refresh(token);
                    refreshed = true;
                    progress.retry();
                }
                case SIGNATURE_REJECTED -> throw new PartnerApiException(source + ": " + api.platform()
                        + " refused the signature of " + apiPath + ": " + response.describe()
                        + "; check the app secret (" + PartnerCredentials.variable(source, "app-secret") + ")");
                case RATE_LIMITED -> {
                    if (attempt >= maxRetries) {
                        throw new PartnerApiException(source + ": " + apiPath + " still rate-limited after "
                                + (attempt + 1) + " attempts: " + response.describe());
                    }
                    Duration wait = response.retryAfter() != null ? min(response.retryAfter(), MAX_WAIT)
                            : min(FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt, 6)), MAX_WAIT);
                    log.info("{}: {} rate-limited ({}), waiting {} ms", source, apiPath, response.code(), wait.toMillis());
                    progress.retry();
                    sleep(wait, apiPath);
                }
                case FAILED -> throw new PartnerApiException(source + ": " + apiPath + " failed: " + response.describe());
            }
        }
    }

    /** The token to call with: the stored one, renewed when it is due, or the first one the API gives. */
    private PartnerToken token() {
        if (token == null) {
            token = tokens.load(source).orElseGet(this::authorize);
        }
        if (token.accessDue(clock.instant(), REFRESH_MARGIN)) {
            token = refresh(token);
        }
        return token;
    }

    /** The first tokens: from the operator's authorization code, or where the platform allows, without one. */
    private PartnerToken authorize() {
        PartnerToken first;
        boolean byCode = api.needsAuthCode() && credentials.authCode() != null;
        if (byCode) {
            first = api.exchangeCode(credentials.authCode());
        } else {
            first = api.authorizeWithoutCode().orElseThrow(() -> new PartnerApiException(source
                    + ": no stored token and no authorization code; have the seller authorize the app and set "
                    + PartnerCredentials.variable(source, "auth-code") + " to the code of the callback"));
        }
        tokens.save(source, first);
        log.info("{}: {} ({})", source, byCode ? "exchanged the authorization code for tokens"
                : api.needsAuthCode() ? "granted tokens without an authorization code" : "logged in", first);
        return first;
    }

    /**
     * The new pair is stored before it is used, so the old refresh token is only replaced once the new one is safe.
     * A token that came without a refresh token is renewed the way the first was obtained (a new grant, a new
     * login), stored the same way.
     */
    private PartnerToken refresh(PartnerToken current) {
        if (!current.refreshable()) {
            return authorize();
        }
        if (current.refreshExpired(clock.instant())) {
            throw new PartnerApiException(source + ": the refresh token expired at " + current.refreshExpiresAt()
                    + "; have the seller authorize the app again and set a new authorization code ("
                    + PartnerCredentials.variables(source) + ")");
        }
        PartnerToken renewed;
        try {
            renewed = api.refresh(current.refreshToken());
        } catch (PartnerApiException refused) {
            PartnerToken stored = renewedMeanwhile(current).orElseThrow(() -> refused);
            log.info("{}: the refresh token was spent by another run, which stored its successor ({})", source, stored);
            return stored;
        }
        tokens.save(source, renewed);
        log.info("{}: refreshed the tokens ({})", source, renewed);
        return renewed;
    }

    /**
     * The pair another run of this source stored after spending {@code current}'s refresh token. A platform whose
     * refresh tokens are single-use refuses one that a concurrent run (the daily ETL and the 15-minute job both at
     * 02:00) has just renewed; that run's successor is then the one to go on with.
     */
    private Optional<PartnerToken> renewedMeanwhile(PartnerToken current) {
        return tokens.load(source).filter(stored -> !Objects.equals(stored.refreshToken(), current.refreshToken()));
    }

    private void sleep(Duration wait, String apiPath) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PartnerApiException(source + ": " + apiPath + " interrupted while waiting out a rate limit", e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
