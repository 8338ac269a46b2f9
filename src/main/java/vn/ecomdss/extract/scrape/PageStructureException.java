package vn.ecomdss.extract.scrape;

/** A page could not be read the way its listing declares; the message names the URL and what was wrong. */
public class PageStructureException extends RuntimeException {

    public PageStructureException(String message) {
        super(message);
    }
}
