namespace FullscriptPortal.Simulator;

/// <summary>Development-only levers on the simulator, for demos, scripts and tests: revoke a grant "from inside
/// Fullscript", inject faults, and look at every grant. JSON bodies, and no request another site's page made.</summary>
public static class SimulatorControlEndpoints
{
    public const string Path = "/simulator/control";

    public static IEndpointRouteBuilder MapSimulatorControl(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup(Path).ExcludeFromDescription().DisableAntiforgery().AddEndpointFilter(SameOriginOnly.FilterAsync);
        control.MapGet("/grants", async (SimulatedFullscript fullscript, CancellationToken cancellationToken) =>
            Results.Ok(await fullscript.ListGrantsAsync(cancellationToken)));
        control.MapPost("/grants/{grantId:guid}/revoke", async (Guid grantId, SimulatedFullscript fullscript, CancellationToken cancellationToken) =>
        {
            await fullscript.RevokeGrantAsync(grantId, "revoked by the user inside Fullscript", cancellationToken);
            return Results.NoContent();
        });
        control.MapGet("/faults", (SimulatorFaults faults) => Results.Ok(faults.State));
        control.MapPut("/faults", (SimulatorFaultPlan plan, SimulatorFaults faults) =>
            plan.Validate() is { } problem ? Results.BadRequest(problem) : Results.Ok(faults.Apply(plan)));
        control.MapDelete("/faults", (SimulatorFaults faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        return app;
    }
}
