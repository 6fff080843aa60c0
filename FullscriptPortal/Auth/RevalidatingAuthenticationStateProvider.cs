using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Auth;

/// <summary>An open dashboard keeps its user only while the session is current: every
/// <see cref="SessionOptions.RevalidationInterval"/> the circuit re-checks (<see cref="SessionCheck"/>), so a deactivated
/// person, a changed role or a sign-out elsewhere loses the page within minutes (the Blazor template's pattern).</summary>
public sealed class RevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<SessionOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsCurrentAsync(authenticationState);

    /// <summary>The check the circuit runs each interval; public so a test can run it without waiting.</summary>
    public async Task<bool> IsCurrentAsync(AuthenticationState authenticationState)
    {
        // The circuit's own scope outlives many requests; a fresh one reads the user as the database has it now.
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SessionCheck>().IsCurrentAsync(authenticationState.User);
    }
}
