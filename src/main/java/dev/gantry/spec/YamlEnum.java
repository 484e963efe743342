package dev.gantry.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** An enum whose spec spelling differs from its Java name (perAz, x86_64, …). */
public interface YamlEnum {
    String yaml();

    static <E extends Enum<E> & YamlEnum> Optional<E> parse(Class<E> type, String text) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.yaml().equals(text)).findFirst();
    }

    static <E extends Enum<E> & YamlEnum> List<String> spellings(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(YamlEnum::yaml).toList();
    }
}
