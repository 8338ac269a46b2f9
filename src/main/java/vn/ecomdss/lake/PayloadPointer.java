package vn.ecomdss.lake;

import java.util.List;
import java.util.Map;

/** Resolves a JSON pointer ({@code /address/city}, {@code /products/0/id}) inside a stored payload. */
public final class PayloadPointer {

    private PayloadPointer() {
    }

    /** The value at the pointer, or null when any step of the path is absent. */
    public static Object at(Object node, String pointer) {
        Object current = node;
        for (String token : pointer.substring(1).split("/")) {
            if (token.isEmpty()) {
                continue;
            }
            String key = token.replace("~1", "/").replace("~0", "~");
            if (current instanceof Map<?, ?> map) {
                current = map.get(key);
            } else if (current instanceof List<?> list && !key.isEmpty() && key.chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(key);
                current = index < list.size() ? list.get(index) : null;
            } else {
                return null;
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }
}
