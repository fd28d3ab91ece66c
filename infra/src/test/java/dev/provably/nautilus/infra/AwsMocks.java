package dev.provably.nautilus.infra;

import com.pulumi.test.Mocks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the AWS provider: echoes each resource's inputs back as its state, adds what AWS would
 * compute (ARNs, autonamed names, addresses, DNS names), answers the invokes the program makes, and
 * records everything so tests can inspect what the engine was asked for.
 */
final class AwsMocks implements Mocks {
    static final String ACCOUNT = "123456789012";
    static final String CALLER_ARN = "arn:aws:iam::" + ACCOUNT + ":user/deployer";
    static final String AMI = "ami-0123456789abcdef0";
    static final String LB_DNS = "nautilus-api-0123456789.elb.us-east-1.amazonaws.com";
    static final String ELASTIC_IP = "192.0.2.10";
    /** Deliberately unsorted, with a duplicate, as a lookup may return them. */
    static final List<String> OFFERED_ZONES =
            List.of("us-east-1d", "us-east-1a", "us-east-1c", "us-east-1a", "us-east-1b");

    final List<ResourceArgs> resources = new CopyOnWriteArrayList<>();
    final List<CallArgs> calls = new CopyOnWriteArrayList<>();
    private final List<String> offeredZones;

    AwsMocks() {
        this(OFFERED_ZONES);
    }

    AwsMocks(List<String> offeredZones) {
        this.offeredZones = List.copyOf(offeredZones);
    }

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
            case "aws:ec2/launchTemplate:LaunchTemplate":
                state.put("latestVersion", 1);
                break;
            case "aws:autoscaling/group:Group":
                state.put("name", args.name + "-f7e8d9c");
                break;
            case "aws:lb/loadBalancer:LoadBalancer":
                state.put(
                        "arn",
                        "arn:aws:elasticloadbalancing:us-east-1:" + ACCOUNT + ":loadbalancer/net/" + args.name
                                + "/50dc6c495c0c9188");
                state.put("arnSuffix", "net/" + args.name + "/50dc6c495c0c9188");
                state.put("dnsName", LB_DNS);
                break;
            case "aws:lb/targetGroup:TargetGroup":
                state.put(
                        "arn",
                        "arn:aws:elasticloadbalancing:us-east-1:" + ACCOUNT + ":targetgroup/" + args.name
                                + "/73e2d6bc24d8a067");
                state.put("arnSuffix", "targetgroup/" + args.name + "/73e2d6bc24d8a067");
                break;
            case "aws:ec2/eip:Eip":
                state.put("publicIp", ELASTIC_IP);
                state.put("allocationId", "eipalloc-0123456789abcdef0");
                break;
            case "aws:sns/topic:Topic":
                state.put("arn", "arn:aws:sns:us-east-1:" + ACCOUNT + ":" + args.name + "-1a2b3c4");
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
            case "aws:ssm/getParameter:getParameter":
                return CompletableFuture.completedFuture(Map.of(
                        "id",
                        String.valueOf(args.args.get("name")),
                        "name",
                        String.valueOf(args.args.get("name")),
                        "value",
                        AMI,
                        "type",
                        "String",
                        "arn",
                        "arn:aws:ssm:us-east-1::parameter" + args.args.get("name"),
                        "version",
                        1,
                        "insecureValue",
                        AMI));
            case "aws:ec2/getInstanceTypeOfferings:getInstanceTypeOfferings":
                return CompletableFuture.completedFuture(Map.of(
                        "id",
                        "us-east-1",
                        "locations",
                        offeredZones,
                        "locationTypes",
                        offeredZones.stream().map(z -> "availability-zone").toList(),
                        "instanceTypes",
                        offeredZones.stream().map(z -> "c6a.xlarge").toList()));
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return CompletableFuture.completedFuture(
                        Map.of("id", ACCOUNT, "accountId", ACCOUNT, "arn", CALLER_ARN, "userId", "AIDAEXAMPLE"));
            default:
                return CompletableFuture.failedFuture(new IllegalArgumentException("unexpected invoke " + args.token));
        }
    }
}
