package dev.gantry.resources.compute;

import software.amazon.awssdk.services.ecs.model.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ECS tag conversions. */
final class Ecs {
    private Ecs() {}

    static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> m = new LinkedHashMap<>();
        if (tags != null) tags.forEach(t -> m.put(t.key(), t.value()));
        return m;
    }

    static List<Tag> tagList(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}
