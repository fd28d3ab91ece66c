package dev.provably.nautilus.infra.iam;

import dev.provably.nautilus.infra.config.EnclaveSource;
import dev.provably.nautilus.infra.config.ExpectedPcrs;
import dev.provably.nautilus.infra.config.ObservabilitySettings;
import java.util.List;

/**
 * The policy documents of the enclave host, each scoped to the one resource it needs. Pure functions
 * of ARNs and settings, so they are tested without Pulumi.
 */
public final class HostPolicies {
    /** KMS condition keys AWS sets from the enclave attestation document sent with the request. */
    static final String ATTESTATION_PCR = "kms:RecipientAttestation:PCR";
    /**
     * Exactly the KMS operations the enclave makes for its sealed identity, both with an attested
     * Recipient: GenerateDataKey (the first enclave of a release) and Decrypt (every later one).
     * Never Encrypt: a caller that may Encrypt can seal a seed it knows as the release's identity.
     */
    public static final List<String> ENCLAVE_KMS_ACTIONS = List.of("kms:Decrypt", "kms:GenerateDataKey");

    /**
     * Exactly the SSM operations of the host jar's record store ({@code host --identity-ssm-prefix}):
     * read a release's sealed record, write it once (no Overwrite, no Delete: rotation is by hand).
     */
    public static final List<String> IDENTITY_PARAMETER_ACTIONS = List.of("ssm:GetParameter", "ssm:PutParameter");

    private HostPolicies() {}

    public static String assumeRoleByEc2() {
        return PolicyDocument.create()
                .allow("Ec2AssumesHostRole")
                .servicePrincipal("ec2.amazonaws.com")
                .actions("sts:AssumeRole")
                .add()
                .toJson();
    }

    /** The CloudWatch agent writes to this stack's log group only (it exists already: no CreateLogGroup). */
    public static String logs(String logGroupArn) {
        return PolicyDocument.create()
                .allow("ShipLogsToStackLogGroup")
                .actions("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams")
                .resources(logGroupArn, logGroupArn + ":*")
                .add()
                .toJson();
    }

    /** Read exactly the objects the host fetches: the host jar and, for S3 images, the EIF. */
    public static String artifacts(String partition, String bucket, List<String> objectKeys) {
        var arns = objectKeys.stream()
                .map(key -> "arn:" + partition + ":s3:::" + bucket + "/" + key)
                .toList();
        return PolicyDocument.create()
                .allow("ReadEnclaveArtifacts")
                .actions("s3:GetObject")
                .resources(arns)
                .add()
                .toJson();
    }

    /** Pulling a pinned image from a private ECR repository (GetAuthorizationToken cannot be scoped). */
    public static String ecrPull(String partition, EnclaveSource.EcrRepository repository) {
        var arn = "arn:" + partition + ":ecr:" + repository.region() + ":" + repository.accountId() + ":repository/"
                + repository.repository();
        return PolicyDocument.create()
                .allow("EcrLogin")
                .actions("ecr:GetAuthorizationToken")
                .resources("*")
                .add()
                .allow("PullEnclaveImage")
                .actions("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer")
                .resources(arn)
                .add()
                .toJson();
    }

    /** The enclave's KMS operations on one key, and only with an attestation of the pinned image. */
    public static String kmsDecrypt(String keyArn, ExpectedPcrs pcrs) {
        var statement = PolicyDocument.create()
                .allow("UnsealOnlyForAttestedEnclave")
                .actions(ENCLAVE_KMS_ACTIONS.toArray(String[]::new))
                .resources(keyArn);
        pcrs.values()
                .forEach((index, hex) -> statement.condition("StringEqualsIgnoreCase", ATTESTATION_PCR + index, hex));
        return statement.add().toJson();
    }

    /**
     * The sealed identity records, one SSM parameter per release under {@code <prefix>/identity/}
     * in the hosts' region: nothing else in Parameter Store. The records are not secret (a KMS
     * ciphertext and a public key), so no KMS permission comes with them.
     */
    public static String identityParameters(String partition, String region, String accountId, String parameterPrefix) {
        return PolicyDocument.create()
                .allow("KeepSealedIdentityRecords")
                .actions(IDENTITY_PARAMETER_ACTIONS.toArray(String[]::new))
                .resources("arn:" + partition + ":ssm:" + region + ":" + accountId + ":parameter" + parameterPrefix
                        + "/identity/*")
                .add()
                .toJson();
    }

    /** The minimal Session Manager permissions (AWS documents no resource scoping for these actions). */
    public static String sessionManager() {
        return PolicyDocument.create()
                .allow("SessionManagerShell")
                .actions(
                        "ssm:UpdateInstanceInformation",
                        "ssmmessages:CreateControlChannel",
                        "ssmmessages:CreateDataChannel",
                        "ssmmessages:OpenControlChannel",
                        "ssmmessages:OpenDataChannel")
                .resources("*")
                .add()
                .toJson();
    }

    /**
     * Single-host mode: the host attaches the stack's Elastic IP to itself on boot. DescribeAddresses
     * has no resource scoping; AssociateAddress is limited to that address and to instances carrying
     * this stack's tag (the condition applies to both resources, and both carry the tag).
     */
    public static String attachOwnAddress(
            String partition, String region, String accountId, String allocationId, String stackTag) {
        var prefix = "arn:" + partition + ":ec2:" + region + ":" + accountId + ":";
        return PolicyDocument.create()
                .allow("FindStackAddress")
                .actions("ec2:DescribeAddresses")
                .resources("*")
                .add()
                .allow("AttachStackAddress")
                .actions("ec2:AssociateAddress")
                .resources(prefix + "elastic-ip/" + allocationId, prefix + "instance/*")
                .condition("StringEquals", "aws:ResourceTag/Stack", stackTag)
                .add()
                .toJson();
    }

    /** PutMetricData cannot be scoped by resource; the namespace condition confines it to the health metric's. */
    public static String healthMetric() {
        return PolicyDocument.create()
                .allow("PublishHealthMetric")
                .actions("cloudwatch:PutMetricData")
                .resources("*")
                .condition("StringEquals", "cloudwatch:namespace", ObservabilitySettings.METRIC_NAMESPACE)
                .add()
                .toJson();
    }

    /**
     * Key policy of the enclave key. The account root keeps administration (so the key can always be
     * managed) but gets no data-plane action; the host role may GenerateDataKey and Decrypt only with
     * an attestation of the pinned image (the enclave's sealed identity); explicit Denies refuse both
     * whenever the attestation differs or is missing, so no later grant or IAM policy can release
     * plaintext to the parent instance, and refuse Encrypt to everyone, so nobody can seal a seed
     * they chose as the release's identity.
     */
    public static String enclaveKeyPolicy(AwsAccount account, String hostRoleArn, ExpectedPcrs pcrs) {
        var doc = PolicyDocument.create()
                .allow("AccountAdministersKey")
                .awsPrincipal(account.rootArn())
                .actions(
                        "kms:Create*",
                        "kms:Describe*",
                        "kms:Enable*",
                        "kms:List*",
                        "kms:Put*",
                        "kms:Update*",
                        "kms:Revoke*",
                        "kms:Disable*",
                        "kms:Get*",
                        "kms:Delete*",
                        "kms:TagResource",
                        "kms:UntagResource",
                        "kms:ScheduleKeyDeletion",
                        "kms:CancelKeyDeletion",
                        "kms:RotateKeyOnDemand")
                .resources("*")
                .add();
        var unseal = doc.allow("HostUnsealsOnlyForAttestedEnclave")
                .awsPrincipal(hostRoleArn)
                .actions(ENCLAVE_KMS_ACTIONS.toArray(String[]::new))
                .resources("*");
        pcrs.values().forEach((index, hex) -> unseal.condition("StringEqualsIgnoreCase", ATTESTATION_PCR + index, hex));
        unseal.add();
        // A missing condition key counts as "not equal": a request without an attestation is denied too.
        pcrs.values().forEach((index, hex) -> doc.deny("DenyUnsealWithoutPcr" + index)
                .awsPrincipal("*")
                .actions(ENCLAVE_KMS_ACTIONS.toArray(String[]::new))
                .resources("*")
                .condition("StringNotEqualsIgnoreCase", ATTESTATION_PCR + index, hex)
                .add());
        return doc.deny("DenyReEncryptOutOfKey")
                .awsPrincipal("*")
                .actions("kms:ReEncrypt*")
                .resources("*")
                .add()
                .deny("DenyChosenPlaintext")
                .awsPrincipal("*")
                .actions("kms:Encrypt")
                .resources("*")
                .add()
                .toJson();
    }
}
