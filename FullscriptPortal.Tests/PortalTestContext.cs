using Bunit;
using FullscriptPortal.Components.Shared;
using FullscriptPortal.Components.Viewer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace FullscriptPortal.Tests;

/// <summary>The one base of every component test: MudBlazor's services, loose JS interop, and a fake clock.</summary>
public abstract class PortalTestContext : BunitContext, IAsyncLifetime
{
    protected PortalTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddScoped<CircuitClock>();
        Services.AddScoped<ViewerTime>();
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor registers services that can only be disposed asynchronously; xUnit v2 calls this before Dispose.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
}
