package dev.provably.nautilus.infra.iam;

import java.util.regex.Pattern;

/** The partition and account a stack deploys into, for building ARNs. */
public record AwsAccount(String partition, String accountId) {
    private static final Pattern ARN = Pattern.compile("arn:(aws[a-z-]*):[^:]*:[^:]*:(\\d{12}):.*");

    /** From the caller identity's ARN, e.g. {@code arn:aws:iam::123456789012:user/deployer}. */
    public static AwsAccount fromCallerArn(String callerArn) {
        var m = ARN.matcher(callerArn);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an AWS caller ARN: " + callerArn);
        }
        return new AwsAccount(m.group(1), m.group(2));
    }

    public String rootArn() {
        return "arn:" + partition + ":iam::" + accountId + ":root";
    }
}
