using System.Text.Json.Serialization;

namespace FullscriptPortal.Simulator;

/// <summary>A whole set of faults, applied at once by <see cref="SimulatorFaults.Apply"/> (from the /simulator page or the
/// control endpoint); it replaces whatever was set before.</summary>
public sealed record SimulatorFaultPlan(
    [property: JsonPropertyName("latencyMs")] int LatencyMs = 0,
    [property: JsonPropertyName("failNextTokenCalls")] int FailNextTokenCalls = 0,
    [property: JsonPropertyName("failStatus")] int FailStatus = 503,
    [property: JsonPropertyName("throttleNextTokenCalls")] int ThrottleNextTokenCalls = 0,
    [property: JsonPropertyName("retryAfterSeconds")] int RetryAfterSeconds = 30,
    [property: JsonPropertyName("dropNextTokenResponses")] int DropNextTokenResponses = 0)
{
    public const int MaxLatencyMs = 60_000;

    /// <summary>What is wrong with the plan, phrased for the caller of the control endpoint; null when it can be applied.</summary>
    public string? Validate() => this switch
    {
        { LatencyMs: < 0 or > MaxLatencyMs } => "latencyMs must be between 0 and 60000.",
        { FailStatus: < 500 or > 599 } => "failStatus must be a 5xx status.",
        { RetryAfterSeconds: < 0 or > 86_400 } => "retryAfterSeconds must be between 0 and 86400.",
        { FailNextTokenCalls: < 0 } or { ThrottleNextTokenCalls: < 0 } or { DropNextTokenResponses: < 0 } => "Counts cannot be negative.",
        _ => null,
    };
}
