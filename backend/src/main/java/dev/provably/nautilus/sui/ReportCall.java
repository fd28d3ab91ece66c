package dev.provably.nautilus.sui;

/**
 * Where the report-checking Move function lives, for rendering a {@code sui client ptb} command.
 * Any ID or name may be a placeholder such as {@code <PACKAGE_ID>} to fill in later.
 *
 * @param packageId the package that declares the function ({@code 0x…})
 * @param module the module, {@code media_report} in REPORTS.md
 * @param function the entry function, {@code submit_report} in REPORTS.md
 * @param enclaveObjectId the shared {@code Enclave<T>} object registered from the attestation
 * @param registryObjectId the shared {@code ReportRegistry} that refuses replayed reports
 * @param gasBudgetMist the gas budget in MIST
 */
public record ReportCall(
        String packageId,
        String module,
        String function,
        String enclaveObjectId,
        String registryObjectId,
        long gasBudgetMist) {
    /** 0.01 SUI: a report costs one Ed25519 check and a table insert. */
    public static final long DEFAULT_GAS_BUDGET_MIST = 10_000_000L;

    public ReportCall {
        PtbCommand.address(packageId, "packageId");
        PtbCommand.identifier(module, "module");
        PtbCommand.identifier(function, "function");
        PtbCommand.address(enclaveObjectId, "enclaveObjectId");
        PtbCommand.address(registryObjectId, "registryObjectId");
        PtbCommand.gasBudget(gasBudgetMist);
    }

    /**
     * The REPORTS.md contract with placeholders: {@code <PACKAGE_ID>::media_report::submit_report},
     * {@code <ENCLAVE_OBJECT_ID>}, {@code <REGISTRY_OBJECT_ID>}.
     */
    public static ReportCall placeholders() {
        return new ReportCall(
                "<PACKAGE_ID>",
                "media_report",
                "submit_report",
                "<ENCLAVE_OBJECT_ID>",
                "<REGISTRY_OBJECT_ID>",
                DEFAULT_GAS_BUDGET_MIST);
    }
}
