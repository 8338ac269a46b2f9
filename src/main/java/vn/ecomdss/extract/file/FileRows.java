package vn.ecomdss.extract.file;

import java.io.Closeable;
import java.io.IOException;

import tools.jackson.databind.node.ObjectNode;

/**
 * The rows of one file, in order, each an object of column name to value, or, for a row that cannot be read, what
 * is wrong with it and where. One implementation per format.
 */
interface FileRows extends Closeable {

    /**
     * One row: {@code at} says where it is ({@code line 7} of a CSV or JSON-lines file, {@code row 7} of a Parquet
     * file, counted from 1); {@code values} is null when {@code error} says why the row could not be read, and
     * {@code text} holds what there was of it.
     */
    record Row(String at, ObjectNode values, String error, String text) {

        static Row of(String at, ObjectNode values) {
            return new Row(at, values, null, null);
        }

        static Row unreadable(String at, String error, String text) {
            return new Row(at, null, error, text);
        }
    }

    /** The next row, or null after the last; a row that cannot be read is returned as such, never skipped. */
    Row next() throws IOException;

    /** A file none of whose rows can be read: one unreadable row, {@code at} its place, saying why. */
    static FileRows unreadable(String at, String reason) {
        return new FileRows() {
            private boolean told;

            @Override
            public Row next() {
                if (told) {
                    return null;
                }
                told = true;
                return Row.unreadable(at, reason, null);
            }

            @Override
            public void close() {
            }
        };
    }
}
