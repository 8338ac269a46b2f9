package vn.ecomdss.api;

/**
 * A parameter of the read API (REST or GraphQL) that cannot be answered: which parameter, and what was wrong with
 * it, so the caller can correct the request without reading the server's log.
 */
public class InvalidParameterException extends RuntimeException {

    private final String field;

    public InvalidParameterException(String field, String detail) {
        super(detail);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
