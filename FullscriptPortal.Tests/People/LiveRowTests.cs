using System.Security.Claims;
using Bunit;
using FullscriptPortal.Components.Shared;
using FullscriptPortal.Components.Viewer;
using FullscriptPortal.Connections;
using FullscriptPortal.People;
using FullscriptPortal.Tests.Infrastructure;

namespace FullscriptPortal.Tests.People;

/// <summary>A row of the people grid is one component that redraws when its own connection or tick changes, and when time
/// alone changes its words; never because another row changed.</summary>
public sealed class LiveRowTests : PortalTestContext
{
    private static readonly string[] Ids = ["a", "b", "c"];

    private readonly RowStore _store = new();
    private readonly BulkSelection _selection = new();

    public LiveRowTests() => ComponentFactories.AddStub<RowActionsMenu>();

    private DateTimeOffset Now => Time.GetUtcNow();

    private static PersonRow Row(string id, ConnectionState? state, DateTimeOffset? expiresAt = null) => new(id, id, $"{id}@example.test", "Staff", 1, "Northside", null,
        state is { } s ? ConnectionViews.With(s, expiresAt ?? new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero)) : null);

    private IRenderedComponent<PeopleGridRow> Draw(string id) => Render<PeopleGridRow>(p => p
        .Add(r => r.UserId, id).Add(r => r.Store, _store).Add(r => r.Selection, _selection).Add(r => r.Viewer, new ClaimsPrincipal())
        .Add(r => r.Address, $"/clinic?person={id}"));

    private static string State(IRenderedComponent<PeopleGridRow> row) => row.Find("[data-testid=row-state]").TextContent;

    [Fact]
    public void A_change_to_one_row_redraws_that_row_and_no_other()
    {
        _store.Reset([Row("a", ConnectionState.Active), Row("b", ConnectionState.Active), Row("c", null)]);
        var rows = Ids.Select(Draw).ToList();

        _store.Update(Row("b", ConnectionState.NeedsReconnect));

        rows[1].WaitForAssertion(() => State(rows[1]).Should().Be("Needs reconnecting"));
        rows[1].RenderCount.Should().Be(2);
        rows[0].RenderCount.Should().Be(1);
        rows[2].RenderCount.Should().Be(1);
        State(rows[0]).Should().Be("Active");
    }

    [Fact]
    public void Ticking_one_row_redraws_that_row_only_and_the_same_rows_again_draw_nothing()
    {
        _store.Reset([Row("a", null), Row("b", null)]);
        var rows = Ids[..2].Select(Draw).ToList();

        _selection.Set("b", true);

        rows[1].WaitForAssertion(() => rows[1].Find("[data-testid=select-row]").HasAttribute("checked").Should().BeTrue());
        rows[0].Find("[data-testid=select-row]").HasAttribute("checked").Should().BeFalse();
        rows[0].RenderCount.Should().Be(1);

        rows[1].Render(); // the grid drawing around it with the same row and tick
        rows[1].RenderCount.Should().Be(2);
    }

    [Fact]
    public void A_row_stops_listening_when_it_is_gone()
    {
        _store.Reset([Row("a", ConnectionState.Active)]);
        var row = Draw("a");

        row.Instance.Dispose();
        _store.Update(Row("a", ConnectionState.Revoked));
        _selection.Set("a", true);

        row.RenderCount.Should().Be(1);
    }

    [Fact]
    public void Its_last_refresh_and_its_state_follow_the_clock_without_a_change()
    {
        var connection = ConnectionViews.With(ConnectionState.Active, Now.AddMinutes(2)) with { LastRefreshedAt = Now };
        _store.Reset([new PersonRow("a", "a", "a@example.test", "Staff", 1, "Northside", null, connection)]);
        var row = Draw("a");
        row.Find("[data-testid=row-last-refresh]").TextContent.Should().Be("just now");

        Time.Advance(TimeSpan.FromSeconds(60));

        row.WaitForAssertion(() => row.Find("[data-testid=row-last-refresh]").TextContent.Should().Be("1 min ago"));
        State(row).Should().Be("Active");

        Time.Advance(TimeSpan.FromSeconds(61));

        // The access token ran out with nothing else changing.
        row.WaitForAssertion(() => State(row).Should().Be("Expired"));
    }

    [Fact]
    public void A_row_wakes_at_the_first_of_its_changes_and_not_at_all_when_nothing_will_change()
    {
        var connection = ConnectionViews.With(ConnectionState.Active, Now.AddMinutes(30)) with { LastRefreshedAt = Now.AddSeconds(-20) };
        var row = new PersonRow("a", "a", "a@example.test", "Staff", 1, "Northside", null, connection);

        PeopleGridRow.NextChangeAt(row, Now).Should().Be(ViewerTime.NextRelativeChange(connection.LastRefreshedAt!.Value, Now));
        PeopleGridRow.NextChangeAt(row with { Connection = connection with { LastRefreshedAt = null } }, Now).Should().Be(Now.AddMinutes(30));
        PeopleGridRow.NextChangeAt(row with { Connection = ConnectionViews.With(ConnectionState.NeedsReconnect, Now.AddMinutes(-5)) }, Now).Should().BeNull();
        var invite = new InviteView(Guid.NewGuid(), Now.AddDays(-1), Now.AddHours(3), null, null);
        PeopleGridRow.NextChangeAt(row with { Connection = null, Invite = invite }, Now).Should().Be(Now.AddHours(3));
    }

    [Theory]
    [InlineData(ConnectionState.Active, "Active")]
    [InlineData(ConnectionState.NeedsReconnect, "Needs reconnecting")]
    [InlineData(null, "Not connected")]
    public void The_state_chip_names_the_state(ConnectionState? state, string label)
    {
        var chip = Render<StateChip>(p => p.Add(c => c.Connection, Row("a", state).Connection));

        chip.Find("[data-testid=row-state]").TextContent.Should().Contain(label);
    }

    [Fact]
    public void Coverage_shows_every_count()
    {
        var summary = Render<CoverageSummary>(p => p.Add(c => c.Coverage, new Coverage(12, 7, 2, 1, 3, 1, [0, 1, 0, 0, 2, 0, 0, 4])));

        summary.Find("[data-testid=coverage-people]").TextContent.Should().Be("12");
        summary.Find("[data-testid=coverage-connected]").TextContent.Should().Be("7");
        summary.Find("[data-testid=coverage-expiring]").TextContent.Should().Be("2");
        summary.Find("[data-testid=coverage-failing]").TextContent.Should().Be("1");
        summary.Find("[data-testid=coverage-reconnect]").TextContent.Should().Be("3");
        summary.Find("[data-testid=coverage-not-connected]").TextContent.Should().Be("1");
    }
}
