package dev.provably.nautilus.infra.iam;

import com.google.gson.GsonBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An IAM or KMS key policy document, serialised with a stable key order so unchanged policies never diff. */
public final class PolicyDocument {
    private final List<Map<String, Object>> statements = new ArrayList<>();

    public static PolicyDocument create() {
        return new PolicyDocument();
    }

    /** Starts a statement; finish it with {@link StatementBuilder#add()}. */
    public StatementBuilder allow(String sid) {
        return new StatementBuilder(this, sid, "Allow");
    }

    public StatementBuilder deny(String sid) {
        return new StatementBuilder(this, sid, "Deny");
    }

    public String toJson() {
        var doc = new LinkedHashMap<String, Object>();
        doc.put("Version", "2012-10-17");
        doc.put("Statement", statements);
        return new GsonBuilder().disableHtmlEscaping().create().toJson(doc);
    }

    public static final class StatementBuilder {
        private final PolicyDocument document;
        private final Map<String, Object> statement = new LinkedHashMap<>();
        private final Map<String, Map<String, Object>> conditions = new LinkedHashMap<>();

        private StatementBuilder(PolicyDocument document, String sid, String effect) {
            this.document = document;
            statement.put("Sid", sid);
            statement.put("Effect", effect);
        }

        /** An AWS principal (ARN, or "*" for anyone). */
        public StatementBuilder awsPrincipal(String arn) {
            statement.put("Principal", "*".equals(arn) ? "*" : Map.of("AWS", arn));
            return this;
        }

        public StatementBuilder servicePrincipal(String service) {
            statement.put("Principal", Map.of("Service", service));
            return this;
        }

        public StatementBuilder actions(String... actions) {
            statement.put("Action", List.of(actions));
            return this;
        }

        public StatementBuilder resources(List<String> resources) {
            statement.put("Resource", List.copyOf(resources));
            return this;
        }

        public StatementBuilder resources(String... resources) {
            return resources(List.of(resources));
        }

        public StatementBuilder condition(String operator, String key, String value) {
            conditions.computeIfAbsent(operator, k -> new LinkedHashMap<>()).put(key, value);
            return this;
        }

        public PolicyDocument add() {
            if (!conditions.isEmpty()) {
                statement.put("Condition", conditions);
            }
            document.statements.add(statement);
            return document;
        }
    }
}
