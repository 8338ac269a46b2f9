package vn.ecomdss.ml;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ml.model_registry}: every trained version with its data window, code version, parameters, metrics against
 * the baselines per fold and its artifact. Versions of a model are numbered in order under a lock on the model, and
 * a promotion retires the champion it replaces in the same transaction, so there is never more than one champion.
 */
@Component
public class ModelRegistry {

    private static final String COLUMNS = """
            model, version, kind, status, trained_at, run_id, training_cutoff, data_from, data_to, code_version,
            parameters::text, metrics::text, baseline_metrics::text, folds::text, decision, artifact
            """;
    private static final String CHAMPION = "select " + COLUMNS + " from ml.model_registry where model = ? and status = 'champion'";
    private static final String OF_RUN = "select " + COLUMNS + " from ml.model_registry where model = ? and run_id = ?";
    private static final String VERSION = "select " + COLUMNS + " from ml.model_registry where model = ? and version = ?";
    private static final String VERSIONS = "select " + COLUMNS + " from ml.model_registry where model = ? order by version desc";
    private static final String CHAMPIONS = "select " + COLUMNS + " from ml.model_registry where status = 'champion' order by model";
    private static final String CHAMPION_VERSION = "select version from ml.model_registry where model = ? and status = 'champion'";
    private static final String LOCK = "select pg_advisory_xact_lock(hashtext('ml.model_registry:' || ?))";
    private static final String NEXT_VERSION = "select coalesce(max(version), 0) + 1 from ml.model_registry where model = ?";
    private static final String RETIRE = """
            update ml.model_registry set status = 'retired', retired_at = now() where model = ? and status = 'champion'
            """;
    private static final String INSERT = """
            insert into ml.model_registry (model, version, kind, status, run_id, training_cutoff, data_from, data_to,
                code_version, parameters, metrics, baseline_metrics, folds, decision, artifact, artifact_sha256,
                promoted_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?,
                    case when ? then now() end)
            """;

    /** What a training run hands the registry. */
    public record Candidate(String model, String kind, String runId, java.time.LocalDate trainingCutoff,
                            java.time.LocalDate dataFrom, java.time.LocalDate dataTo, String codeVersion,
                            JsonNode parameters, JsonNode metrics, JsonNode baselineMetrics, JsonNode folds,
                            byte[] artifact) {
    }

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public ModelRegistry(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<RegisteredModel> champion(String model) {
        return jdbc.query(CHAMPION, this::row, model).stream().findFirst();
    }

    /** The champion's version, a cheap check of whether a loaded champion is still the one. */
    public Optional<Integer> championVersion(String model) {
        return jdbc.queryForList(CHAMPION_VERSION, Integer.class, model).stream().findFirst();
    }

    public List<RegisteredModel> champions() {
        return jdbc.query(CHAMPIONS, this::row);
    }

    /** The version a run registered, if it got that far (a restarted run registers nothing twice). */
    public Optional<RegisteredModel> ofRun(String model, String runId) {
        return jdbc.query(OF_RUN, this::row, model, runId).stream().findFirst();
    }

    public Optional<RegisteredModel> version(String model, int version) {
        return jdbc.query(VERSION, this::row, model, version).stream().findFirst();
    }

    public List<RegisteredModel> versions(String model) {
        return jdbc.query(VERSIONS, this::row, model);
    }

    /**
     * Registers the candidate as the model's next version, champion when {@code decision} promotes it (retiring the
     * champion before it). Runs in the caller's transaction.
     */
    public RegisteredModel register(Candidate candidate, PromotionRule.Decision decision) {
        jdbc.queryForList(LOCK, candidate.model());
        int version = jdbc.queryForObject(NEXT_VERSION, Integer.class, candidate.model());
        if (decision.promote()) {
            jdbc.update(RETIRE, candidate.model());
        }
        jdbc.update(INSERT, candidate.model(), version, candidate.kind(), decision.promote() ? "champion" : "candidate",
                candidate.runId(), Date.valueOf(candidate.trainingCutoff()), Date.valueOf(candidate.dataFrom()),
                Date.valueOf(candidate.dataTo()), candidate.codeVersion(), candidate.parameters().toString(),
                candidate.metrics().toString(), candidate.baselineMetrics().toString(), candidate.folds().toString(),
                decision.reason(), candidate.artifact(), sha256(candidate.artifact()), decision.promote());
        return version(candidate.model(), version).orElseThrow();
    }

    private RegisteredModel row(ResultSet rs, int n) throws SQLException {
        return new RegisteredModel(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getDate(7).toLocalDate(),
                rs.getDate(8).toLocalDate(), rs.getDate(9).toLocalDate(), rs.getString(10), json.readTree(rs.getString(11)),
                json.readTree(rs.getString(12)), json.readTree(rs.getString(13)), json.readTree(rs.getString(14)),
                rs.getString(15), rs.getBytes(16));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
