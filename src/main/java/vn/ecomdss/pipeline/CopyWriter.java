package vn.ecomdss.pipeline;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Writes rows into a table with {@code COPY}, in the caller's transaction: a transform's chunk is committed together
 * with the reader's position, so a retried or restarted chunk never stores its rows twice; the models' scoring writes
 * its features and forecasts with it too. The caller holds its own {@code COPY} statement (each staging target, the
 * feature store); values travel in the copy stream, never in SQL.
 */
@Component
public class CopyWriter {

    private static final int BATCH_CHARS = 64 * 1024;

    private final DataSource dataSource;

    public CopyWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Streams {@code rows} into {@code table} through {@code copy} (a {@code COPY ... FROM STDIN} naming the
     * columns), each row's values in the order {@code values} gives them.
     */
    public <T> void copy(String table, String copy, List<? extends T> rows, Function<? super T, Object[]> values) {
        if (rows.isEmpty()) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        CopyIn in = null;
        try {
            in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
            // Rows are sent as they are formatted, so the server parses one batch while the next is written.
            StringBuilder text = new StringBuilder(BATCH_CHARS + 4_096);
            for (T row : rows) {
                appendRow(text, values.apply(row));
                if (text.length() >= BATCH_CHARS) {
                    send(in, text);
                }
            }
            send(in, text);
            in.endCopy();
        } catch (SQLException | RuntimeException e) {
            cancelQuietly(in);
            throw new IllegalStateException("Writing " + rows.size() + " rows into " + table + " failed: "
                    + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static void send(CopyIn copy, StringBuilder text) throws SQLException {
        if (text.isEmpty()) {
            return;
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        text.setLength(0);
    }

    private static void cancelQuietly(CopyIn copy) {
        try {
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the connection reports the original failure
        }
    }

    private static void appendRow(StringBuilder text, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append('\t');
            }
            appendCopyValue(text, values[i]);
        }
        text.append('\n');
    }

    /** PostgreSQL's COPY text format: \N is null; backslash, tab, newline and carriage return are escaped. */
    private static void appendCopyValue(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
            return;
        }
        String plain;
        if (value instanceof BigDecimal decimal) {
            plain = decimal.toPlainString();
        } else if (value instanceof Boolean bool) {
            plain = bool ? "t" : "f";
        } else {
            plain = value.toString();
        }
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }
}
