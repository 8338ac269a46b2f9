package vn.ecomdss.api.analytics;

import vn.ecomdss.api.InvalidParameterException;

/** Which page of an answer to return: {@code page} from 0, {@code size} rows, at most {@value #MAX_SIZE}. */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    public PageRequest {
        if (page < 0) {
            throw new InvalidParameterException("page", "page must be 0 or more, got " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidParameterException("size", "size must be 1 to " + MAX_SIZE + ", got " + size);
        }
    }

    /** A page from optional parameters: the first page of {@value #DEFAULT_SIZE} rows when they are absent. */
    public static PageRequest of(Integer page, Integer size) {
        return new PageRequest(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }

    long offset() {
        return (long) page * size;
    }
}
