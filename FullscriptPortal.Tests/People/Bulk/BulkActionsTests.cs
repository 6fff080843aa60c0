using System.Security.Claims;
using FullscriptPortal.Audit;
using FullscriptPortal.Connections;
using FullscriptPortal.People;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FullscriptPortal.Tests.People.Bulk;

/// <summary>Each item of a bulk run goes through the single action's services, over real HTTP to the simulator: it is
/// audited as the single action is, a row that changed since it was selected is skipped with its reason, and Fullscript
/// not answering is a failure worth retrying, never an exception.</summary>
[Collection(SharedPortal.People)]
public sealed class BulkActionsTests(PortalFactory portal) : IAsyncLifetime
{
    public Task InitializeAsync() => portal.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<IReadOnlyList<BulkItemOutcome>> RunAsync(ClaimsPrincipal viewer, BulkRequest request, IReadOnlyList<PersonRow> rows)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var bulk = scope.ServiceProvider.GetRequiredService<BulkActions>();
        return await BulkRunner.RunAsync(rows, row => bulk.RunOneAsync(viewer, request, row), _ => Task.CompletedTask, NullLogger.Instance, CancellationToken.None);
    }

    [Fact]
    public async Task A_managers_bulk_disconnect_is_audited_per_person_and_a_row_disconnected_meanwhile_is_skipped_not_failed()
    {
        await BulkPeople.AddDrChenAsync(portal);
        await BulkPeople.ConnectAsync(portal, DemoPeople.DrLee, BulkPeople.DrChen);
        using var manager = await BulkPeople.SignedInAsync(portal, DemoPeople.Manager);
        var viewer = await manager.PrincipalAsync();
        // Selected while both were connected; Dr. Chen is disconnected elsewhere before the run reaches him.
        var rows = new[] { await BulkPeople.RowAsync(portal, viewer, DemoPeople.DrLee), await BulkPeople.RowAsync(portal, viewer, BulkPeople.DrChen) };
        (await portal.InScopeAsync<ConnectionDirectory, DisconnectOutcome>(d => d.DisconnectAsync(viewer, rows[1].UserId))).Result
            .Should().Be(DisconnectResult.Disconnected);

        var outcomes = await RunAsync(viewer, new BulkRequest(BulkAction.Disconnect), rows);

        outcomes.Select(o => (o.Name, o.Result, o.Reason)).Should().Equal(
            ("Dr. Jordan Lee", BulkResult.Done, null),
            ("Dr. Avery Chen", BulkResult.Skipped, BulkReasons.AlreadyDisconnected));
        (await portal.ConnectionOfAsync(rows[0].UserId))!.State.Should().Be(ConnectionState.Revoked);
        var audit = await portal.QueryAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.Disconnect && a.Outcome == "revoked").ToListAsync());
        audit.Should().HaveCount(2, "one for the disconnect made elsewhere, one for the bulk run's; the skipped row wrote nothing");
        audit.Should().ContainSingle(a => a.SubjectUserId == rows[0].UserId).Which.ActorUserId.Should().Be(manager.UserId);
    }

    [Fact]
    public async Task While_fullscript_does_not_answer_a_bulk_disconnect_fails_with_that_reason_and_the_grant_is_kept()
    {
        await BulkPeople.ConnectAsync(portal, DemoPeople.DrLee);
        using var manager = await BulkPeople.SignedInAsync(portal, DemoPeople.Manager);
        var viewer = await manager.PrincipalAsync();
        var lee = await BulkPeople.RowAsync(portal, viewer, DemoPeople.DrLee);
        var sam = await BulkPeople.RowAsync(portal, viewer, DemoPeople.SamFront);
        portal.Faults().FailNextTokenCalls(10, 503);

        var outcomes = await RunAsync(viewer, new BulkRequest(BulkAction.Disconnect), [lee, sam]);

        outcomes.Select(o => (o.Result, o.Reason)).Should().Equal((BulkResult.Failed, BulkReasons.NotAnswering), (BulkResult.Skipped, BulkReasons.NotConnected));
        outcomes[0].Retryable.Should().BeTrue();
        BulkSummary.Of(BulkAction.Disconnect, outcomes).Should().Be("0 disconnected, 1 failed: Fullscript not answering, 1 skipped: not connected");
        (await portal.SimulatorGrantsAsync()).Should().ContainSingle(g => g.RevokedAt == null, "Fullscript never confirmed, so the grant is alive");
    }

    [Fact]
    public async Task Support_revokes_many_with_one_reason_stored_on_each_and_a_manager_is_refused_revoke()
    {
        await BulkPeople.ConnectAsync(portal, DemoPeople.DrLee, DemoPeople.DrPatel);
        using var support = await BulkPeople.SignedInAsync(portal, DemoPeople.Support);
        var viewer = await support.PrincipalAsync();
        var rows = new[] { await BulkPeople.RowAsync(portal, viewer, DemoPeople.DrLee), await BulkPeople.RowAsync(portal, viewer, DemoPeople.DrPatel) };
        using var manager = await BulkPeople.SignedInAsync(portal, DemoPeople.Manager);

        var refused = await RunAsync(await manager.PrincipalAsync(), new BulkRequest(BulkAction.Revoke, "offboarding"), [rows[0]]);
        var outcomes = await RunAsync(viewer, new BulkRequest(BulkAction.Revoke, "clinic offboarding"), rows);

        refused.Should().ContainSingle().Which.Should().Match<BulkItemOutcome>(o => o.Result == BulkResult.Skipped && o.Reason == BulkReasons.NotAllowed);
        outcomes.Should().OnlyContain(o => o.Result == BulkResult.Done);
        foreach (var row in rows)
            (await portal.ConnectionOfAsync(row.UserId))!.StateReason.Should().Contain("clinic offboarding");
    }

    [Fact]
    public async Task Past_the_fullscript_budget_a_bulk_refresh_calls_nobody_and_says_why()
    {
        using var spent = new PortalFactory();
        spent.Settings["Tokens:Budget:BackgroundCallsPerWindow"] = "0";
        await BulkPeople.ConnectAsync(spent, DemoPeople.DrLee);
        using var manager = await BulkPeople.SignedInAsync(spent, DemoPeople.Manager);
        var viewer = await manager.PrincipalAsync();
        var lee = await BulkPeople.RowAsync(spent, viewer, DemoPeople.DrLee);
        spent.FullscriptCalls.Clear();

        await using var scope = spent.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<BulkActions>().RunOneAsync(viewer, new BulkRequest(BulkAction.Refresh), lee);

        outcome.Should().Match<BulkItemOutcome>(o => o.Result == BulkResult.Failed && o.Reason == BulkReasons.BudgetSpent && o.Retryable);
        spent.FullscriptCalls.All.Should().BeEmpty("many clicks at once keep to the share of Fullscript's rate limit background work has");
    }

    [Fact]
    public async Task A_bulk_invite_makes_a_link_for_whoever_is_not_connected_and_skips_the_connected()
    {
        await BulkPeople.ConnectAsync(portal, DemoPeople.DrLee);
        using var manager = await BulkPeople.SignedInAsync(portal, DemoPeople.Manager);
        var viewer = await manager.PrincipalAsync();
        var rows = new[] { await BulkPeople.RowAsync(portal, viewer, DemoPeople.DrLee), await BulkPeople.RowAsync(portal, viewer, DemoPeople.SamFront) };

        var outcomes = await RunAsync(viewer, new BulkRequest(BulkAction.Invite, PortalAddress: portal.ServerAddress), rows);

        outcomes[0].Should().Match<BulkItemOutcome>(o => o.Result == BulkResult.Skipped && o.Reason == BulkReasons.AlreadyConnected);
        outcomes[1].Result.Should().Be(BulkResult.Done);
        outcomes[1].InvitePath.Should().StartWith(FullscriptPortal.Clinics.Invites.PathPrefix, "without a mail server the link is shown to hand on");
        (await portal.QueryAsync(db => db.Invites.Select(i => i.UserId).ToListAsync())).Should().Equal(rows[1].UserId);
        (await portal.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.InviteCreated))).Should().Be(1);
    }
}
