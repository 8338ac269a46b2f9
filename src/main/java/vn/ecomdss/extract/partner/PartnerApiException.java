package vn.ecomdss.extract.partner;

/** A partner API refused a call for good (bad signature, revoked authorization, limits that do not lift). */
public class PartnerApiException extends RuntimeException {

    public PartnerApiException(String message) {
        super(message);
    }

    public PartnerApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
