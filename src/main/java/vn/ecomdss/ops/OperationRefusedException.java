package vn.ecomdss.ops;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * An operation that cannot be carried out as asked: the status to answer with, a short title, what was wrong,
 * and the properties that name it ({@code field}, {@code state}, {@code runningExecutionId}, ...), which the
 * admin API returns as an RFC 9457 problem detail.
 */
public class OperationRefusedException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final Map<String, Object> properties;

    public OperationRefusedException(HttpStatus status, String title, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.title = title;
        this.properties = Map.copyOf(properties);
    }

    public static OperationRefusedException badParameter(String field, String detail) {
        return new OperationRefusedException(HttpStatus.BAD_REQUEST, "Invalid parameter", detail, Map.of("field", field));
    }

    public static OperationRefusedException notFound(String what, Object id) {
        return new OperationRefusedException(HttpStatus.NOT_FOUND, "Not found", "no " + what + " " + id,
                Map.of("field", what.replace(' ', '_')));
    }

    public static OperationRefusedException conflict(String detail, Map<String, Object> properties) {
        return new OperationRefusedException(HttpStatus.CONFLICT, "Conflict with the current state", detail, properties);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
