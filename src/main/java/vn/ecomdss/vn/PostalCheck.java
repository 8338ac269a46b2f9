package vn.ecomdss.vn;

/**
 * Outcome of checking a postal code against a province.
 *
 * @param valid  true only for a five-digit national code whose prefix belongs to the province
 * @param legacy true for a six-digit code of the system replaced on 1 January 2018
 * @param reason why the code was not accepted, null when valid
 */
public record PostalCheck(boolean valid, boolean legacy, String reason) {
}
