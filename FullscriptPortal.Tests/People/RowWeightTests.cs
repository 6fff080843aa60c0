using Bunit;
using FullscriptPortal.People;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tests.People.Bulk;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FullscriptPortal.Tests.People;

/// <summary>What a row of the people grid holds on the server for as long as the page is open: every component instance
/// keeps its render trees (and a MudBlazor one its parameter state) in the circuit, so a row is mostly markup. Its menu
/// is only a button until it is opened.</summary>
[Collection(SharedPortal.People)]
public sealed class RowWeightTests(PortalFactory portal) : PageTestContext(portal)
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(10);

    private IRenderedComponent<PeopleGrid> Grid(int rows)
    {
        var grid = Render<PeopleGrid>();
        grid.WaitForAssertion(() => grid.FindAll("input[data-testid=select-row]").Should().HaveCount(rows), Live);
        return grid;
    }

    private static AngleSharp.Dom.IElement MenuButton(IRenderedComponent<PeopleGrid> grid, string name) =>
        grid.FindAll("[data-testid=people-grid] tbody tr").Single(tr => tr.TextContent.Contains(name, StringComparison.Ordinal))
            .QuerySelector("[data-testid=row-actions] button")!;

    [Fact]
    public async Task A_row_holds_a_handful_of_components_and_no_menu_until_its_menu_is_opened()
    {
        using var manager = await BulkPeople.SignedInAsync(Portal, DemoPeople.Manager);
        await SignInAsAsync(manager);
        var popovers = Render<MudPopoverProvider>();

        var two = Grid(rows: 2).FindComponents<IComponent>().Count;
        await BulkPeople.AddDrChenAsync(Portal);
        var grid = Grid(rows: 3);
        var perRow = grid.FindComponents<IComponent>().Count - two;

        // The row itself (about 25 with MudDataGrid's cells, a MudCheckBox, a MudChip and a MudMenu with its popover, each
        // with their inner components; 8 with a component per live cell and the menu's button).
        perRow.Should().Be(1, "a row is one component of markup until its menu is opened");
        grid.FindComponents<MudMenu>().Should().BeEmpty("no row's menu has been opened");
        grid.FindComponents<MudChip<string>>().Should().BeEmpty("the state is a chip's markup, not a MudChip");
        grid.FindComponents<MudCheckBox<bool>>().Should().BeEmpty("a row's tick is a checkbox's markup, not a MudCheckBox");
        popovers.FindAll("[data-testid^=action-]").Should().BeEmpty();

        await grid.InvokeAsync(() => MenuButton(grid, "Sam Front").ClickAsync(new()));

        popovers.WaitForAssertion(() => popovers.FindAll("[data-testid^=action-]").Select(e => e.GetAttribute("data-testid"))
            .Should().Equal("action-Invite", "action-ConnectOnBehalf"), Live);
        grid.FindComponents<MudMenu>().Should().ContainSingle("only the opened row has a menu");
        MenuButton(grid, "Sam Front").GetAttribute("aria-expanded").Should().Be("true");
    }

    [Fact]
    public async Task A_row_where_the_viewer_may_do_nothing_has_no_menu_button_rather_than_an_empty_menu()
    {
        using var support = await BulkPeople.SignedInAsync(Portal, DemoPeople.Support);
        await SignInAsAsync(support);

        var grid = Render<PeopleGrid>();

        // Support revokes grants; nobody in the demo data holds one yet, so no row offers anything.
        grid.WaitForAssertion(() => grid.FindAll("[data-testid=people-grid] tbody tr").Should().HaveCountGreaterThanOrEqualTo(3), Live);
        grid.FindAll("[data-testid=row-actions]").Should().BeEmpty();
    }
}
