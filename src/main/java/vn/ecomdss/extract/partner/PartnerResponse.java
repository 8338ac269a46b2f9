package vn.ecomdss.extract.partner;

import java.time.Duration;

import tools.jackson.databind.JsonNode;

/**
 * A partner API's answer to one call, classified the same way for every platform so that {@link PartnerSession}
 * handles tokens, rate limits and refusals once.
 *
 * @param body       the whole parsed answer
 * @param code       the platform's own code ({@code 0}, {@code IllegalAccessToken}, {@code ApiCallLimit}, ...)
 * @param retryAfter for {@link Outcome#RATE_LIMITED}: how long the platform asks to wait, or null to back off
 */
public record PartnerResponse(Outcome outcome, JsonNode body, String code, String message, Duration retryAfter,
                              long bytes) {

    public enum Outcome {
        OK,
        /** The access token is invalid or expired: refresh once and retry. */
        TOKEN_REJECTED,
        /** The request's signature was refused: the app secret is wrong; retrying cannot help. */
        SIGNATURE_REJECTED,
        /** Too many calls: wait as told and retry. */
        RATE_LIMITED,
        /** Any other error the platform returned. */
        FAILED
    }

    public String describe() {
        return code + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }
}
