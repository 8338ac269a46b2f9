package vn.ecomdss.transform;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import vn.ecomdss.lake.PayloadPointer;
import vn.ecomdss.pipeline.RunParameters;

/**
 * Reads a raw payload through the JSON pointers a source definition maps onto a target's fields. Values that
 * do not convert are reported with the field and pointer, never turned into a silent null.
 */
final class PayloadFields {

    private final Object root;
    private final Map<String, List<String>> mapping;
    private final String where;

    PayloadFields(Object root, Map<String, List<String>> mapping, String where) {
        this.root = root;
        this.mapping = mapping;
        this.where = where;
    }

    static Object at(Object node, String pointer) {
        return PayloadPointer.at(node, pointer);
    }

    boolean has(String field) {
        return mapping.containsKey(field);
    }

    Object raw(String field) {
        List<String> pointers = mapping.get(field);
        if (pointers == null) {
            return null;
        }
        if (pointers.size() == 1) {
            return at(root, pointers.get(0));
        }
        String joined = pointers.stream().map(p -> at(root, p)).filter(Objects::nonNull).map(Object::toString)
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.joining(" "));
        return joined.isEmpty() ? null : joined;
    }

    String text(String field) {
        Object value = raw(field);
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }

    BigDecimal decimal(String field) {
        Object value = raw(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        try {
            return new BigDecimal(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new TransformException(where + ": field " + field + " " + mapping.get(field) + " is not a number: '"
                    + value + "'");
        }
    }

    Integer integer(String field) {
        BigDecimal value = decimal(field);
        if (value == null) {
            return null;
        }
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            throw new TransformException(where + ": field " + field + " " + mapping.get(field) + " is not an integer: '"
                    + value + "'");
        }
    }

    /** A delete marker: true, "true", 1 or "1" mark the record deleted; absent means not deleted. */
    boolean flag(String field) {
        Object value = raw(field);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        String text = value.toString().trim().toLowerCase(java.util.Locale.ROOT);
        return switch (text) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no", "" -> false;
            default -> throw new TransformException(where + ": field " + field + " " + mapping.get(field)
                    + " is not a boolean: '" + value + "'");
        };
    }

    /** A timestamp; a bare date is midnight in Vietnam, a local date-time is read as Vietnam time. */
    OffsetDateTime timestamp(String field) {
        Object value = raw(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Date date) {
            return date.toInstant().atOffset(ZoneOffset.UTC);
        }
        String text = value.toString().trim();
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(RunParameters.ZONE).toOffsetDateTime();
            }
            try {
                return OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                return java.time.LocalDateTime.parse(text).atZone(RunParameters.ZONE).toOffsetDateTime();
            }
        } catch (DateTimeParseException e) {
            throw new TransformException(where + ": field " + field + " " + mapping.get(field)
                    + " is not an ISO date or timestamp: '" + text + "'");
        }
    }
}
