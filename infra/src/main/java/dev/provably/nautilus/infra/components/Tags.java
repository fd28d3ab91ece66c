package dev.provably.nautilus.infra.components;

import dev.provably.nautilus.infra.config.StackSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tags every taggable resource carries. */
public final class Tags {
    public static final String MANAGED_BY = "pulumi";

    private Tags() {}

    public static Map<String, String> of(StackSettings settings, String name) {
        var tags = new LinkedHashMap<String, String>();
        tags.put("Name", name);
        tags.put("Project", settings.project());
        tags.put("Stack", settings.stack());
        tags.put("ManagedBy", MANAGED_BY);
        return Map.copyOf(tags);
    }
}
