using System.Text.Json.Serialization;

namespace FullscriptPortal.Simulator;

/// <summary>Development-only levers on the simulator, for demos, scripts and tests: revoke a grant "from inside
/// Fullscript", inject faults, and look at every grant. JSON bodies only, so a cross-site form cannot pull them.</summary>
public static class SimulatorControlEndpoints
{
    public const string Path = "/simulator/control";

    public static IEndpointRouteBuilder MapSimulatorControl(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup(Path).ExcludeFromDescription().DisableAntiforgery();
        control.MapGet("/grants", async (SimulatedFullscript fullscript, CancellationToken cancellationToken) =>
            Results.Ok(await fullscript.ListGrantsAsync(cancellationToken)));
        control.MapPost("/grants/{grantId:guid}/revoke", async (Guid grantId, SimulatedFullscript fullscript, CancellationToken cancellationToken) =>
        {
            await fullscript.RevokeGrantAsync(grantId, "revoked by the user inside Fullscript", cancellationToken);
            return Results.NoContent();
        });
        control.MapGet("/faults", (SimulatorFaults faults) => Results.Ok(faults.State));
        control.MapPut("/faults", (FaultRequest request, SimulatorFaults faults) =>
        {
            if (request.Validate() is { } problem) return Results.BadRequest(problem);
            faults.Clear();
            faults.Latency = TimeSpan.FromMilliseconds(request.LatencyMs);
            if (request.FailNextTokenCalls > 0) faults.FailNextTokenCalls(request.FailNextTokenCalls, request.FailStatus);
            if (request.ThrottleNextTokenCalls > 0) faults.ThrottleNextTokenCalls(request.ThrottleNextTokenCalls, request.RetryAfterSeconds);
            if (request.DropNextTokenResponses > 0) faults.DropNextTokenResponses(request.DropNextTokenResponses);
            return Results.Ok(faults.State);
        });
        control.MapDelete("/faults", (SimulatorFaults faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        return app;
    }

    public sealed record FaultRequest(
        [property: JsonPropertyName("latencyMs")] int LatencyMs = 0,
        [property: JsonPropertyName("failNextTokenCalls")] int FailNextTokenCalls = 0,
        [property: JsonPropertyName("failStatus")] int FailStatus = 503,
        [property: JsonPropertyName("throttleNextTokenCalls")] int ThrottleNextTokenCalls = 0,
        [property: JsonPropertyName("retryAfterSeconds")] int RetryAfterSeconds = 30,
        [property: JsonPropertyName("dropNextTokenResponses")] int DropNextTokenResponses = 0)
    {
        public string? Validate() => this switch
        {
            { LatencyMs: < 0 or > 60_000 } => "latencyMs must be between 0 and 60000.",
            { FailStatus: < 500 or > 599 } => "failStatus must be a 5xx status.",
            { RetryAfterSeconds: < 0 or > 86_400 } => "retryAfterSeconds must be between 0 and 86400.",
            { FailNextTokenCalls: < 0 } or { ThrottleNextTokenCalls: < 0 } or { DropNextTokenResponses: < 0 } => "Counts cannot be negative.",
            _ => null,
        };
    }
}
