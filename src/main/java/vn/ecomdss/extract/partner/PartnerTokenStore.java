package vn.ecomdss.extract.partner;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The partner APIs' tokens in {@code ops.partner_token}, encrypted. {@link #save} writes the access and refresh
 * tokens of a source in one statement: a refresh's new pair replaces the old one only once it is committed, so a
 * process killed between the platform's answer and this write still finds the previous refresh token, which
 * Lazada accepts until the new one is used. A platform with single-use refresh tokens (Tiki) has spent it by then:
 * the next refresh is refused and the seller must authorize the app again.
 *
 * <p>The table's refresh columns are not null; a token without a refresh token (a client-credentials grant's, a
 * login's) is stored with an empty one expiring with the access token, and read back as none.
 */
@Component
public class PartnerTokenStore {

    private final JdbcTemplate jdbc;
    private final PartnerSettings settings;

    public PartnerTokenStore(JdbcTemplate jdbc, PartnerSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    public Optional<PartnerToken> load(String source) {
        List<PartnerToken> rows = jdbc.query("""
                select access_token, access_expires_at, refresh_token, refresh_expires_at
                from ops.partner_token where source = ?
                """, (rs, n) -> {
            TokenCipher cipher = cipher();
            String refresh = cipher.decrypt(source, rs.getBytes(3));
            return new PartnerToken(cipher.decrypt(source, rs.getBytes(1)), rs.getTimestamp(2).toInstant(),
                    refresh.isEmpty() ? null : refresh, refresh.isEmpty() ? null : rs.getTimestamp(4).toInstant());
        }, source);
        return rows.stream().findFirst();
    }

    public void save(String source, PartnerToken token) {
        TokenCipher cipher = cipher();
        String refresh = token.refreshable() ? token.refreshToken() : "";
        Instant refreshExpires = token.refreshable() ? token.refreshExpiresAt() : token.accessExpiresAt();
        jdbc.update("""
                insert into ops.partner_token (source, access_token, access_expires_at, refresh_token,
                    refresh_expires_at, refreshed_at)
                values (?, ?, ?, ?, ?, now())
                on conflict (source) do update
                set access_token = excluded.access_token, access_expires_at = excluded.access_expires_at,
                    refresh_token = excluded.refresh_token, refresh_expires_at = excluded.refresh_expires_at,
                    refreshed_at = now()
                """, source, cipher.encrypt(source, token.accessToken()), Timestamp.from(token.accessExpiresAt()),
                cipher.encrypt(source, refresh), Timestamp.from(refreshExpires));
    }

    private TokenCipher cipher() {
        return TokenCipher.of(settings.tokenKey());
    }
}
