package vn.ecomdss.extract.partner;

import java.util.Optional;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Reads a partner source's credentials and the token key from the environment when a run starts, by Spring's
 * relaxed binding ({@code DSS_SOURCES_LAZADA_APP_SECRET} is {@code dss.sources.lazada.app-secret},
 * {@code DSS_TOKEN_KEY} is {@code dss.token-key}). They are bound per run rather than once at start-up so that a
 * source configured later, or one whose credentials were withdrawn, is seen by the next run of a long-lived server.
 */
@Component
public class PartnerSettings {

    private final Environment environment;

    public PartnerSettings(Environment environment) {
        this.environment = environment;
    }

    /** The source's credentials (the shop id only if set), or empty when its app key or secret is not configured. */
    public Optional<PartnerCredentials> credentials(String source) {
        Binder binder = Binder.get(environment);
        String prefix = "dss.sources." + source + ".";
        PartnerCredentials credentials = new PartnerCredentials(
                text(binder, prefix + "app-key"), text(binder, prefix + "app-secret"),
                text(binder, prefix + "auth-code"), text(binder, prefix + "auth-url"),
                text(binder, prefix + "redirect-uri"), text(binder, prefix + PartnerCredentials.SHOP_ID));
        return credentials.complete() ? Optional.of(credentials) : Optional.empty();
    }

    /**
     * Another of a source's settings, {@code dss.sources.<source>.<key>} (e.g. Sendo's {@code earliest-date},
     * {@code DSS_SOURCES_SENDO_OPEN_EARLIEST_DATE}), read per run like the credentials; empty when not set.
     */
    public Optional<String> setting(String source, String key) {
        return Optional.ofNullable(text(Binder.get(environment), "dss.sources." + source + "." + key));
    }

    /** The base64 AES key tokens are encrypted under ({@code DSS_TOKEN_KEY}), or null. */
    public String tokenKey() {
        return text(Binder.get(environment), "dss.token-key");
    }

    private static String text(Binder binder, String name) {
        String value = binder.bind(name, Bindable.of(String.class)).map(String::trim).orElse("");
        return value.isEmpty() ? null : value;
    }
}
