using System.Collections.Concurrent;
using Bunit;
using FullscriptPortal.Home;
using FullscriptPortal.Live;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FullscriptPortal.Tests.Components;

/// <summary>Pages over the app's own services while Fullscript is slow (the simulator's latency fault).</summary>
[Collection(SharedPortal.Pages)]
public sealed class SlowActionPageTests(PortalFactory portal) : PageTestContext(portal)
{
    [Fact]
    public async Task A_slow_disconnect_shows_progress_and_never_disconnect_pending_or_retry_while_its_first_call_runs()
    {
        using var lee = Portal.NewSession();
        (await lee.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();
        await SignInAsAsync(lee);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<HomePage>();
        page.WaitForAssertion(() => page.Find("[data-testid=connection-card]").GetAttribute("data-state").Should().Be("Active"));
        var shown = new ConcurrentQueue<string>();
        page.OnMarkupUpdated += (_, _) => shown.Enqueue(page.Markup);
        var announced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listening = Portal.Services.GetRequiredService<ConnectionNotifier>()
            .Subscribe(ChangeKey.User(lee.UserId!), _ => { announced.TrySetResult(); return Task.CompletedTask; });
        Portal.Faults().Latency = TimeSpan.FromSeconds(2);

        page.Find("[data-testid=disconnect-button]").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Should().Contain(b => b.TextContent.Trim() == "Disconnect"));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Disconnect").ClickAsync(new()));

        // The portal recorded "disconnect requested" and told every open page while Fullscript had not answered yet.
        await announced.Task.WaitAsync(TimeSpan.FromSeconds(30));
        page.WaitForAssertion(() => page.FindAll("[data-testid=disconnect-button] [data-testid=busy]").Should().ContainSingle(), TimeSpan.FromSeconds(10));
        page.WaitForAssertion(() => page.Find("[data-testid=connection-card]").GetAttribute("data-state").Should().Be("Revoked"), TimeSpan.FromSeconds(30));

        shown.Should().NotContain(m => m.Contains("Retry disconnect", StringComparison.Ordinal) || m.Contains("Disconnect pending", StringComparison.Ordinal),
            "the first call was still running, so nothing was pending yet");
        page.FindAll("[data-testid=busy]").Should().BeEmpty();
    }
}
