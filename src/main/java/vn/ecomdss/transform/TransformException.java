package vn.ecomdss.transform;

/** A raw record that passed the raw checks but cannot be transformed; the message names record and field. */
public class TransformException extends RuntimeException {

    public TransformException(String message) {
        super(message);
    }
}
