using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Infrastructure;

/// <summary>Renders real pages with bUnit against a running portal: the page's services (directory, circuit service,
/// notifier, database) are the app's own, resolved from one scope that plays the circuit, signed in as a demo user. The
/// portal is shared by a collection and reset to the demo seed before each test.</summary>
public abstract class PageTestContext(PortalFactory portal) : PortalTestContext, IAsyncLifetime
{
    private AsyncServiceScope? _circuit;

    protected PortalFactory Portal => portal;

    /// <summary>Makes this bUnit context the circuit of <paramref name="session"/>'s user.</summary>
    protected async Task SignInAsAsync(PortalSession session)
    {
        var principal = await session.PrincipalAsync();
        var circuit = Portal.Services.CreateAsyncScope();
        _circuit = circuit;
        ((IHostEnvironmentAuthenticationStateProvider)circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        Services.AddFallbackServiceProvider(circuit.ServiceProvider);

        var auth = AddAuthorization();
        auth.SetAuthorized(principal.Identity!.Name!);
        auth.SetRoles([.. principal.FindAll(ClaimTypes.Role).Select(c => c.Value)]);
        auth.SetClaims([.. principal.Claims.Where(c => c.Type != ClaimTypes.Role && c.Type != ClaimTypes.Name)]);
    }

    Task IAsyncLifetime.InitializeAsync() => portal.ResetAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        // A test about the portal's services alone never signs a circuit in.
        if (_circuit is { } circuit) await circuit.DisposeAsync();
    }
}
