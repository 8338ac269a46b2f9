package vn.ecomdss.extract.http;

/** A source could not be read; the message names the URL and what it answered. */
public class SourceRequestException extends RuntimeException {

    public SourceRequestException(String message) {
        super(message);
    }

    public SourceRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
