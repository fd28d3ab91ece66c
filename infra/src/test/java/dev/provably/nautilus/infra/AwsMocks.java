package dev.provably.nautilus.infra;

import com.pulumi.test.Mocks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Stands in for the AWS provider: echoes each resource's inputs back as its state, adds what AWS would
 * compute (ARNs, autonamed names, public IPs), answers the two invokes the program makes, and records
 * everything so tests can inspect what the engine was asked for.
 */
final class AwsMocks implements Mocks {
    static final String ACCOUNT = "123456789012";
    static final String CALLER_ARN = "arn:aws:iam::" + ACCOUNT + ":user/deployer";
    static final String AMI = "ami-0123456789abcdef0";
    private static final Pattern HOST_INDEX = Pattern.compile(".*-host-(\\d+)(-eip)?");

    final List<ResourceArgs> resources = new CopyOnWriteArrayList<>();
    final List<CallArgs> calls = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        resources.add(args);
        var state = new HashMap<String, Object>(args.inputs);
        switch (args.type) {
            case "aws:iam/role:Role":
                state.put("name", args.name + "-a1b2c3d");
                state.put("arn", "arn:aws:iam::" + ACCOUNT + ":role/" + args.name + "-a1b2c3d");
                break;
            case "aws:iam/instanceProfile:InstanceProfile":
                state.put("name", args.name + "-e4f5a6b");
                state.put("arn", "arn:aws:iam::" + ACCOUNT + ":instance-profile/" + args.name + "-e4f5a6b");
                break;
            case "aws:cloudwatch/logGroup:LogGroup":
                state.put("arn", "arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:" + args.inputs.get("name"));
                break;
            case "aws:kms/key:Key":
                state.put("keyId", "1234abcd-12ab-34cd-56ef-1234567890ab");
                state.put("arn", "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/1234abcd-12ab-34cd-56ef-1234567890ab");
                break;
            case "aws:ec2/instance:Instance":
                state.put("publicIp", "198.51.100." + (10 + hostIndex(args.name)));
                state.put("privateIp", "10.0.1." + (10 + hostIndex(args.name)));
                break;
            case "aws:ec2/eip:Eip":
                state.put("publicIp", "192.0.2." + (10 + hostIndex(args.name)));
                break;
            default:
                break;
        }
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "-id"), state));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        calls.add(args);
        switch (args.token) {
            case "aws:ec2/getAmi:getAmi":
                return CompletableFuture.completedFuture(Map.of("id", AMI, "imageId", AMI, "architecture", "x86_64"));
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return CompletableFuture.completedFuture(Map.of("id", ACCOUNT, "accountId", ACCOUNT,
                        "arn", CALLER_ARN, "userId", "AIDAEXAMPLE"));
            default:
                return CompletableFuture.failedFuture(new IllegalArgumentException("unexpected invoke " + args.token));
        }
    }

    private static int hostIndex(String name) {
        var m = HOST_INDEX.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException("unexpected host resource name " + name);
        }
        return Integer.parseInt(m.group(1));
    }
}
