using Bunit;
using FullscriptPortal.Auth;
using FullscriptPortal.Components.Shared;
using FullscriptPortal.Connections;
using FullscriptPortal.People;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace FullscriptPortal.Tests.People;

public sealed class LiveRowTests : PortalTestContext
{
    private static readonly string[] Ids = ["a", "b", "c"];

    private static PersonRow Row(string id, ConnectionState? state) => new(id, id, $"{id}@example.test", "Staff", 1, "Northside", null,
        state is { } s ? ConnectionViews.With(s, new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero)) : null);

    [Fact]
    public void A_change_to_one_row_redraws_that_rows_cells_and_no_others()
    {
        var store = new RowStore();
        store.Reset([Row("a", ConnectionState.Active), Row("b", ConnectionState.Active), Row("c", null)]);
        RenderFragment<PersonRow> state = row => builder => builder.AddContent(0, row.StateAt(Time.GetUtcNow()).ToString());
        var cells = Ids.Select(id => Render<PersonCell>(p => p.Add(c => c.Store, store).Add(c => c.UserId, id).Add(c => c.ChildContent, state))).ToList();

        store.Update(Row("b", ConnectionState.NeedsReconnect));

        cells[1].WaitForAssertion(() => cells[1].Markup.Should().Be("NeedsReconnect"));
        cells[1].RenderCount.Should().Be(2);
        cells[0].RenderCount.Should().Be(1);
        cells[2].RenderCount.Should().Be(1);
        cells[0].Markup.Should().Be("Active");
    }

    [Fact]
    public void A_cell_stops_listening_when_it_is_gone()
    {
        var store = new RowStore();
        store.Reset([Row("a", ConnectionState.Active)]);
        var cell = Render<PersonCell>(p => p.Add(c => c.Store, store).Add(c => c.UserId, "a").Add(c => c.ChildContent, (RenderFragment<PersonRow>)(_ => _ => { })));

        cell.Instance.Dispose();
        store.Update(Row("a", ConnectionState.Revoked));

        cell.RenderCount.Should().Be(1);
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
