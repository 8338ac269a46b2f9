package vn.ecomdss.extract.lazada;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import vn.ecomdss.extract.partner.PartnerCredentials;
import vn.ecomdss.extract.partner.PartnerSession;
import vn.ecomdss.extract.partner.PartnerToken;
import vn.ecomdss.testsupport.LazadaFakeServer;
import vn.ecomdss.testsupport.PartnerSourceTestSupport;

/**
 * The token store against a real kill: a process refreshing Lazada's tokens is SIGKILLed after Lazada issued the
 * new pair and before the process could store it. The refresh token kept in {@code ops.partner_token} must still
 * renew the tokens for the next process, which then stores a working pair: no refresh token is lost.
 */
class TokenRefreshKillTest extends PartnerSourceTestSupport {

    @Autowired
    DataSource dataSource;

    @TempDir
    Path logs;

    TokenRefreshKillTest() {
        super("lazada");
    }

    @BeforeEach
    void seller() {
        LAZADA.reset();
        configure(Map.of("app-key", LazadaFakeServer.APP_KEY, "app-secret", LazadaFakeServer.APP_SECRET,
                "auth-code", LazadaFakeServer.AUTH_CODE));
    }

    @AfterEach
    void resetTheFake() {
        LAZADA.reset();
    }

    @Test
    void aProcessKilledDuringItsRefreshLeavesARefreshTokenTheNextProcessRenewsWith() throws Exception {
        PartnerToken consented = consent();
        assertThat(LAZADA.refreshes()).isZero();

        LazadaFakeServer.HeldRefresh held = LAZADA.holdNextRefresh();
        Process victim = seller("victim");
        assertThat(held.awaitIssued(Duration.ofSeconds(60))).as("the victim asked for a refresh").isTrue();
        victim.destroyForcibly();
        assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
        held.release();
        assertThat(victim.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(LAZADA.refreshes()).as("Lazada issued a pair the victim never stored").isEqualTo(1);
        assertThat(tokens.load("lazada").orElseThrow().refreshToken()).isEqualTo(consented.refreshToken());

        Process next = seller("next");
        assertThat(next.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(next.exitValue()).as(log("next")).isZero();
        assertThat(log("next")).contains("lazada answered 0");
        PartnerToken renewed = tokens.load("lazada").orElseThrow();
        assertThat(LAZADA.refreshes()).isEqualTo(2);
        assertThat(renewed.refreshToken()).isNotEqualTo(consented.refreshToken());

        // What the next process stored is the live pair: it renews once more.
        Process after = seller("after");
        assertThat(after.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(after.exitValue()).as(log("after")).isZero();
        assertThat(LAZADA.refreshes()).isEqualTo(3);
        assertThat(tokens.load("lazada").orElseThrow().refreshToken()).isNotEqualTo(renewed.refreshToken());
    }

    /** The seller's consent exchanged for the first tokens and stored, as the source's first run does. */
    private PartnerToken consent() {
        PartnerCredentials credentials = settings();
        PartnerSession session = PartnerSession.of("lazada",
                RefreshingSeller.api(URI.create(LAZADA.baseUri() + "/rest"), credentials), credentials, tokens, 0);
        assertThat(RefreshingSeller.firstProduct(session)).isEqualTo("0");
        return tokens.load("lazada").orElseThrow();
    }

    /** A child JVM running {@link RefreshingSeller} against this test's database and fake. */
    private Process seller(String name) throws Exception {
        String url;
        String user;
        try (Connection connection = dataSource.getConnection()) {
            url = connection.getMetaData().getURL();
            user = connection.getMetaData().getUserName();
        }
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), RefreshingSeller.class.getName(),
                url, user, "", LAZADA.baseUri() + "/rest", LazadaFakeServer.APP_KEY, LazadaFakeServer.APP_SECRET,
                TOKEN_KEY);
        File log = logs.resolve(name + ".log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    private String log(String name) {
        try {
            return Files.readString(logs.resolve(name + ".log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
