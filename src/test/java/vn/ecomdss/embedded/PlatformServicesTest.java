package vn.ecomdss.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.ecomdss.DssProperties;

class PlatformServicesTest {

    @TempDir
    Path ownerDir;
    @TempDir
    Path otherDir;

    @Test
    void externalPostgresReplacesOnlyTheEmbeddedPostgresAndASecondProcessSharesTheOwnersServices() throws Exception {
        try (PlatformServices owner = PlatformServices.start(properties(ownerDir, null))) {
            ServiceEndpoints embedded = owner.endpoints();
            assertThat(ownerDir.resolve("postgres/PG_VERSION")).exists();
            assertThat(Files.readString(ownerDir.resolve("postgres/PG_VERSION")).trim()).isEqualTo("17");
            assertThat(ownerDir.resolve("kafka")).isDirectory();
            assertThat(ownerDir.resolve("lake/lake.mv.db")).exists();

            try (PlatformServices external = PlatformServices.start(properties(otherDir, embedded.jdbcUrl()))) {
                assertThat(external.endpoints().jdbcUrl()).isEqualTo(embedded.jdbcUrl());
                assertThat(otherDir.resolve("postgres")).doesNotExist();
                assertThat(otherDir.resolve("kafka")).isDirectory();
                assertThat(external.endpoints().kafkaBootstrapServers()).isNotEqualTo(embedded.kafkaBootstrapServers());
                assertThat(serverVersion(external.endpoints())).startsWith("17");
            }

            try (PlatformServices sharing = PlatformServices.start(properties(ownerDir, null))) {
                assertThat(sharing.endpoints()).isEqualTo(embedded);
            }
        }
    }

    private static String serverVersion(ServiceEndpoints endpoints) throws Exception {
        try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.jdbcUser(),
                endpoints.jdbcPassword());
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("show server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static DssProperties properties(Path dataDir, String jdbcUrl) {
        return new DssProperties(dataDir,
                new DssProperties.Db(jdbcUrl, jdbcUrl == null ? null : "postgres", jdbcUrl == null ? null : "", 0, 4, null),
                new DssProperties.Mongodb(null, "dss_lake", 0),
                new DssProperties.Kafka(null, 0),
                "classpath:job-definitions", Map.of());
    }
}
