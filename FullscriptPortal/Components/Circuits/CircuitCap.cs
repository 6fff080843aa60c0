using FullscriptPortal.Auth;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Components.Circuits;

/// <summary>Refuses a signed-in person's circuit beyond <see cref="CircuitLimits.MaxPerUser"/>: each circuit holds server
/// memory and a live subscription, so one account (or a stolen cookie) cannot open them without end. The refused tab
/// shows the portal's "reload" bar; the person's other tabs keep working. One instance per circuit.</summary>
internal sealed partial class CircuitCap(
    CircuitsPerUser circuits,
    AuthenticationStateProvider authentication,
    IOptionsMonitor<CircuitLimits> limits,
    ILogger<CircuitCap> logger) : CircuitHandler
{
    private string? _countedFor;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        // Only signed-in circuits count: the sign-in pages render without one.
        if ((await authentication.GetAuthenticationStateAsync()).User.UserId() is not { } userId) return;
        var limit = limits.CurrentValue.MaxPerUser;
        if (!circuits.TryOpen(userId, limit))
        {
            LogRefused(userId, limit);
            // Throwing here ends the circuit before any component runs (CircuitHost tears it down and tells the browser).
            throw new InvalidOperationException($"User {userId} already has {limit} open circuits.");
        }
        _countedFor = userId;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_countedFor is { } userId) circuits.Close(userId);
        _countedFor = null;
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit refused for user {UserId}: already {Limit} open circuits")]
    private partial void LogRefused(string userId, int limit);
}
