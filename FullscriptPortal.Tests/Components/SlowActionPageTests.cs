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

    [Fact]
    public async Task A_slow_disconnect_from_the_grid_shows_progress_on_the_row_and_offers_nothing_to_press_twice()
    {
        using (var lee = Portal.NewSession()) (await lee.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();
        using var manager = Portal.NewSession();
        await manager.SignInAsync(DemoPeople.Manager);
        await SignInAsAsync(manager);
        var popovers = Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var grid = Render<FullscriptPortal.People.PeopleGrid>();
        AngleSharp.Dom.IElement LeeRow() => grid.FindAll("tr").Single(tr => tr.TextContent.Contains("Dr. Jordan Lee", StringComparison.Ordinal));
        grid.WaitForAssertion(() => LeeRow().QuerySelector("[data-testid=row-actions] button").Should().NotBeNull());
        Portal.Faults().Latency = TimeSpan.FromSeconds(2);

        await grid.InvokeAsync(() => LeeRow().QuerySelector("[data-testid=row-actions] button")!.ClickAsync(new()));
        // Not awaited: the action goes on to ask for confirmation and then waits for Fullscript.
        popovers.Find("[data-testid=action-Disconnect]").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Should().Contain(b => b.TextContent.Trim() == "Disconnect"));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Disconnect").ClickAsync(new()));

        grid.WaitForAssertion(() => LeeRow().QuerySelector("[data-testid=row-busy]").Should().NotBeNull("Fullscript takes its time, and the row says so"));
        LeeRow().QuerySelector("[data-testid=row-actions]").Should().BeNull("nothing can start the disconnect again while it runs");

        grid.WaitForAssertion(() => LeeRow().QuerySelector("[data-testid=row-actions] button").Should().NotBeNull(), TimeSpan.FromSeconds(30));
        LeeRow().QuerySelector("[data-testid=row-busy]").Should().BeNull();
        (await Portal.ConnectionOfAsync(await LeeIdAsync()))!.RefreshTokenProtected.Should().BeNull("the disconnect ran, once, to the end");
    }

    private async Task<string> LeeIdAsync()
    {
        using var lee = Portal.NewSession();
        await lee.SignInAsync(DemoPeople.DrLee);
        return lee.UserId!;
    }
}
