using Bunit;
using FullscriptPortal.Audit;
using FullscriptPortal.Components.Viewer;
using FullscriptPortal.Home;
using FullscriptPortal.Live;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tokens;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Home;

/// <summary>A practitioner's open dashboard costs the server nothing while nothing it shows changes: another clinic's
/// connection changing, or seconds passing, wake none of its components; its own connection changing does.</summary>
[Collection(SharedPortal.Pages)]
public sealed class DashboardWakeTests : PageTestContext
{
    public DashboardWakeTests(PortalFactory portal) : base(portal) => Services.AddSingleton<TimeProvider>(portal.Time);

    [Fact]
    public async Task Another_clinics_change_and_passing_seconds_render_nothing_but_the_practitioners_own_change_does()
    {
        using var patel = Portal.NewSession();
        (await patel.ConnectAsync(DemoPeople.DrPatel)).Succeeded.Should().BeTrue();
        using var lee = Portal.NewSession();
        (await lee.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();
        var leeConnection = (await Portal.ConnectionOfAsync(lee.UserId!))!;
        var patelConnection = (await Portal.ConnectionOfAsync(patel.UserId!))!;
        var notifier = Portal.Services.GetRequiredService<ConnectionNotifier>();
        var leesChange = new ConnectionChange(leeConnection.Id, lee.UserId, null, 1);
        var patelsChange = new ConnectionChange(patelConnection.Id, patel.UserId, null, 2);
        await SignInAsAsync(patel);

        var home = Render<HomePage>();
        home.WaitForAssertion(() => notifier.CountWoken(patelsChange).Should().BeGreaterThan(0, "the dashboard follows its own connection once interactive"));
        home.Find("[data-testid=connection-card]").GetAttribute("data-state").Should().Be("Active");
        var parts = Parts(home);
        var before = Renders(home, parts);

        notifier.CountWoken(leesChange).Should().Be(0, "no component of this page shows Dr. Lee's connection");
        await RefreshAsync(leeConnection.Id);
        Portal.Time.Advance(TimeSpan.FromSeconds(5));
        Renders(home, parts).Should().Be(before, "neither another clinic's change nor the countdown's seconds need the server");

        await RefreshAsync(patelConnection.Id);
        home.WaitForAssertion(() => Renders(home, parts).Should().BeGreaterThan(before), TimeSpan.FromSeconds(5));
    }

    private async Task RefreshAsync(Guid connectionId) =>
        (await Portal.InScopeAsync<ConnectionTokens, RefreshOutcome>(t => t.RefreshAsync(connectionId, AuditActions.System, force: true, CancellationToken.None)))
            .Result.Should().Be(RefreshResult.Refreshed);

    // Every component of the page that could redraw: the page itself, its panels, the card, its countdown and its times.
    private static List<Func<int>> Parts(IRenderedComponent<HomePage> home) =>
    [
        .. Counts(home.FindComponents<MyConnectionPanel>()), .. Counts(home.FindComponents<ConnectionCard>()),
        .. Counts(home.FindComponents<ConnectionCountdown>()), .. Counts(home.FindComponents<MyActivity>()),
        .. Counts(home.FindComponents<FlowNotice>()), .. Counts(home.FindComponents<LocalTime>()),
    ];

    private static IEnumerable<Func<int>> Counts<T>(IEnumerable<IRenderedComponent<T>> components) where T : IComponent =>
        components.Select(c => (Func<int>)(() => c.RenderCount));

    private static int Renders(IRenderedComponent<HomePage> home, List<Func<int>> parts) => home.RenderCount + parts.Sum(count => count());
}
