using Bunit;
using FullscriptPortal.Audit;
using FullscriptPortal.People;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.People;

/// <summary>The manager's coverage follows the clinic's changes but redraws (and sends the browser) only what moved.</summary>
[Collection(SharedPortal.Pages)]
public sealed class LiveCoverageTests : PageTestContext
{
    public LiveCoverageTests(PortalFactory portal) : base(portal) => Services.AddSingleton<TimeProvider>(portal.Time);

    [Fact]
    public async Task A_change_that_moves_no_count_redraws_nothing_and_one_that_does_redraws_once()
    {
        using var lee = Portal.NewSession();
        (await lee.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();
        var leeConnection = (await Portal.ConnectionOfAsync(lee.UserId!))!;
        using var manager = Portal.NewSession();
        await manager.SignInAsync(DemoPeople.Manager);
        await SignInAsAsync(manager);
        var drawn = 0;
        var coverage = Render<LiveCoverage>(p => p.Add(c => c.Loaded, _ => drawn++));
        coverage.WaitForAssertion(() => coverage.Find("[data-testid=coverage-connected]").TextContent.Should().Be("1"));

        // A refresh on the same clock: Dr. Lee's token still expires in the same quarter hour, so every count stays.
        (await Portal.InScopeAsync<ConnectionTokens, RefreshOutcome>(t => t.RefreshAsync(leeConnection.Id, AuditActions.System, force: true, CancellationToken.None)))
            .Result.Should().Be(RefreshResult.Refreshed);
        // Sam connecting moves the counts.
        using var sam = Portal.NewSession();
        (await sam.ConnectAsync(DemoPeople.SamFront)).Succeeded.Should().BeTrue();

        coverage.WaitForAssertion(() => coverage.Find("[data-testid=coverage-connected]").TextContent.Should().Be("2"), TimeSpan.FromSeconds(5));
        drawn.Should().Be(2, "the first load and the change that moved a count were drawn, the refresh was not");
    }
}
