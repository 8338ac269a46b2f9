package vn.ecomdss.quality;

/** A quality gate stopped the job; the message says which target breached which threshold. */
public class QualityGateException extends RuntimeException {

    public QualityGateException(String message) {
        super(message);
    }
}
