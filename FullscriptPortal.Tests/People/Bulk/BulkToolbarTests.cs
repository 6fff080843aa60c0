using AngleSharp.Dom;
using Bunit;
using FullscriptPortal.People;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FullscriptPortal.Tests.People.Bulk;

/// <summary>The people grid's ticks and bulk toolbar over the app's own services: selecting rows (and a whole page), ticks
/// that survive a live update and go with a new filter, the buttons each role may use, one confirmation naming how many,
/// skipped rows counted, and rows that failed left selected to retry.</summary>
[Collection(SharedPortal.People)]
public sealed class BulkToolbarTests(PortalFactory portal) : PageTestContext(portal)
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(10);

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private async Task<(IRenderedComponent<PeopleGrid> Grid, IRenderedComponent<MudDialogProvider> Dialogs)> OpenGridAsync(string viewer, int rows)
    {
        using var session = await BulkPeople.SignedInAsync(Portal, viewer);
        await SignInAsAsync(session);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var grid = Render<PeopleGrid>(p => p.Add(g => g.ShowClinic, viewer == DemoPeople.Support));
        grid.WaitForAssertion(() => grid.FindAll("input[data-testid=select-row]").Should().HaveCount(rows), Live);
        return (grid, dialogs);
    }

    private static IElement Row(IRenderedComponent<PeopleGrid> grid, string name) =>
        grid.FindAll("[data-testid=people-grid] tbody tr").Single(tr => tr.TextContent.Contains(name, StringComparison.Ordinal));

    private static Task TickAsync(IRenderedComponent<PeopleGrid> grid, string name) =>
        grid.InvokeAsync(() => Row(grid, name).QuerySelector("input[data-testid=select-row]")!.ChangeAsync(new ChangeEventArgs { Value = true }));

    private static Task TickPageAsync(IRenderedComponent<PeopleGrid> grid) =>
        grid.InvokeAsync(() => grid.Find("input[data-testid=select-page]").ChangeAsync(new ChangeEventArgs { Value = true }));

    private static bool Ticked(IRenderedComponent<PeopleGrid> grid, string name) =>
        Row(grid, name).QuerySelector("input[data-testid=select-row]")!.HasAttribute("checked");

    private static string? Count(IRenderedComponent<PeopleGrid> grid) => grid.FindAll("[data-testid=bulk-count]").SingleOrDefault()?.TextContent.Trim();

    private static IReadOnlyList<string> Buttons(IRenderedComponent<PeopleGrid> grid) =>
        [.. grid.FindAll("[data-testid^=bulk-]").Select(b => b.GetAttribute("data-testid")!)
            .Where(id => id is "bulk-Refresh" or "bulk-Disconnect" or "bulk-Revoke" or "bulk-Invite")];

    private static Task PressAsync(IRenderedComponent<PeopleGrid> grid, BulkAction action) =>
        grid.InvokeAsync(() => grid.Find($"[data-testid=bulk-{action}]").ClickAsync(new()));

    private static string Summary(IRenderedComponent<PeopleGrid> grid) => grid.Find("[data-testid=bulk-summary-text]").TextContent.Trim();

    [Fact]
    public async Task Ticks_count_what_is_selected_never_open_the_row_survive_a_live_update_and_a_new_filter_clears_them()
    {
        var (grid, _) = await OpenGridAsync(DemoPeople.Manager, rows: 2);
        grid.FindAll("[data-testid=bulk-toolbar]").Should().BeEmpty("nothing is selected yet");

        await TickAsync(grid, "Dr. Jordan Lee");

        grid.WaitForAssertion(() => Count(grid).Should().Be("1 selected"));
        PeopleUrl.ReadPerson(Navigation.Uri).Should().BeNull("a tick is not a click on the row, which opens the details");
        await TickPageAsync(grid);
        grid.WaitForAssertion(() => Count(grid).Should().Be("2 selected"));

        // Sam connects meanwhile: the row redraws live and keeps its tick.
        await BulkPeople.ConnectAsync(Portal, DemoPeople.SamFront);
        grid.WaitForAssertion(() => Row(grid, "Sam Front").QuerySelector("[data-testid=row-state]")!.TextContent.Should().Contain("Active"), Live);
        Ticked(grid, "Sam Front").Should().BeTrue();
        Ticked(grid, "Dr. Jordan Lee").Should().BeTrue();
        Count(grid).Should().Be("2 selected");

        var filters = grid.FindComponent<PeopleFilters>();
        await grid.InvokeAsync(() => filters.Instance.FilterChanged.InvokeAsync(filters.Instance.Filter with { Search = "Lee" }));

        grid.WaitForAssertion(() => grid.FindAll("input[data-testid=select-row]").Should().ContainSingle(), Live);
        grid.FindAll("[data-testid=bulk-toolbar]").Should().BeEmpty("a new filter is a new view, and its selection starts empty");
        Ticked(grid, "Dr. Jordan Lee").Should().BeFalse();
    }

    [Theory]
    [InlineData(DemoPeople.Manager, 2, new[] { "bulk-Refresh", "bulk-Disconnect", "bulk-Invite" })]
    [InlineData(DemoPeople.Support, 3, new[] { "bulk-Refresh", "bulk-Revoke" })]
    public async Task The_toolbar_offers_each_role_only_the_actions_it_may_take(string viewer, int rows, string[] offered)
    {
        var (grid, _) = await OpenGridAsync(viewer, rows);

        await TickPageAsync(grid);

        grid.WaitForAssertion(() => Count(grid).Should().Be($"{rows} selected"));
        Buttons(grid).Should().Equal(offered);
    }

    [Fact]
    public async Task A_bulk_disconnect_asks_once_naming_how_many_counts_the_skipped_and_ends_with_a_summary()
    {
        await BulkPeople.AddDrChenAsync(Portal);
        await BulkPeople.ConnectAsync(Portal, DemoPeople.DrLee, BulkPeople.DrChen);
        var (grid, dialogs) = await OpenGridAsync(DemoPeople.Manager, rows: 3);
        await TickPageAsync(grid);

        var pressed = PressAsync(grid, BulkAction.Disconnect);

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=bulk-confirm-title]").TextContent.Should().Be("Disconnect 2 people?"));
        dialogs.Find("[data-testid=bulk-confirm-message]").TextContent.Should().StartWith("Their Fullscript access stops now.");
        dialogs.Find("[data-testid=bulk-confirm-skipped]").TextContent.Should().Be("1 of the selected is skipped: not connected.");
        dialogs.Find("[data-testid=bulk-confirm-button]").TextContent.Trim().Should().Be("Disconnect 2 people");
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=bulk-confirm-button]").ClickAsync(new()));
        await pressed.WaitAsync(Live);

        grid.WaitForAssertion(() => Summary(grid).Should().Be("2 disconnected, 1 skipped: not connected"), Live);
        dialogs.FindAll("[data-testid=bulk-confirm]").Should().BeEmpty("one confirmation, not one per person");
        Count(grid).Should().BeNull("what was done is no longer selected, and the skipped cannot be done");
        grid.WaitForAssertion(() => Row(grid, "Dr. Avery Chen").QuerySelector("[data-testid=row-state]")!.TextContent.Should().Contain("Disconnected"), Live);
        (await Portal.SimulatorGrantsAsync()).Should().OnlyContain(g => g.RevokedAt != null);
    }

    [Fact]
    public async Task Cancelling_the_confirmation_changes_nothing()
    {
        await BulkPeople.ConnectAsync(Portal, DemoPeople.DrLee);
        var (grid, dialogs) = await OpenGridAsync(DemoPeople.Manager, rows: 2);
        await TickAsync(grid, "Dr. Jordan Lee");

        var pressed = PressAsync(grid, BulkAction.Disconnect);
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=bulk-confirm-title]").TextContent.Should().Be("Disconnect 1 person?"));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").ClickAsync(new()));
        await pressed.WaitAsync(Live);

        grid.FindAll("[data-testid=bulk-summary]").Should().BeEmpty();
        Count(grid).Should().Be("1 selected");
        (await Portal.SimulatorGrantsAsync()).Should().ContainSingle(g => g.RevokedAt == null);
    }

    [Fact]
    public async Task Rows_fullscript_did_not_answer_for_are_counted_as_failed_and_stay_selected_to_retry()
    {
        await BulkPeople.ConnectAsync(Portal, DemoPeople.DrLee);
        var (grid, dialogs) = await OpenGridAsync(DemoPeople.Manager, rows: 2);
        await TickPageAsync(grid);
        Portal.Faults().FailNextTokenCalls(10, 503);

        var pressed = PressAsync(grid, BulkAction.Disconnect);
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=bulk-confirm-title]").TextContent.Should().Be("Disconnect 1 person?"));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=bulk-confirm-button]").ClickAsync(new()));
        await pressed.WaitAsync(Live);

        grid.WaitForAssertion(() => Summary(grid).Should().Be("0 disconnected, 1 failed: Fullscript not answering, 1 skipped: not connected"), Live);
        grid.Find("[data-testid=bulk-unfinished]").TextContent.Should().Contain("Dr. Jordan Lee: Fullscript not answering");
        Count(grid).Should().Be("1 selected");
        Ticked(grid, "Dr. Jordan Lee").Should().BeTrue("the failed row stays selected, to retry with one press");
        Ticked(grid, "Sam Front").Should().BeFalse();
    }

    [Fact]
    public async Task Support_revokes_the_selected_with_one_reason_and_the_confirmation_names_how_many()
    {
        await BulkPeople.ConnectAsync(Portal, DemoPeople.DrLee, DemoPeople.DrPatel);
        var (grid, dialogs) = await OpenGridAsync(DemoPeople.Support, rows: 3);
        await TickPageAsync(grid);

        var pressed = PressAsync(grid, BulkAction.Revoke);
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=bulk-confirm-title]").TextContent.Should().Be("Revoke the Fullscript connections of 2 people?"));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=bulk-confirm-button]").ClickAsync(new()));
        dialogs.Find("[data-testid=bulk-confirm]").Should().NotBeNull("no reason, no revocation");
        await dialogs.InvokeAsync(() => dialogs.Find("textarea[data-testid=bulk-reason], [data-testid=bulk-reason] textarea").InputAsync(new ChangeEventArgs { Value = "clinic closed" }));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=bulk-confirm-button]").ClickAsync(new()));
        await pressed.WaitAsync(Live);

        grid.WaitForAssertion(() => Summary(grid).Should().Be("2 revoked, 1 skipped: not connected"), Live);
        (await Portal.ConnectionOfAsync((await BulkPeople.RowAsync(Portal, await SupportAsync(), DemoPeople.DrPatel)).UserId))!
            .StateReason.Should().Contain("clinic closed");
    }

    [Fact]
    public async Task A_bulk_refresh_refreshes_the_connected_and_counts_the_rest_as_skipped()
    {
        await BulkPeople.ConnectAsync(Portal, DemoPeople.DrLee);
        var (grid, _) = await OpenGridAsync(DemoPeople.Manager, rows: 2);
        await TickPageAsync(grid);

        await PressAsync(grid, BulkAction.Refresh);

        grid.WaitForAssertion(() => Summary(grid).Should().Be("1 refreshed, 1 skipped: not connected"), Live);
        Count(grid).Should().BeNull();
    }

    [Fact]
    public async Task A_bulk_invite_gives_a_link_to_each_person_not_connected_and_skips_the_connected()
    {
        await BulkPeople.ConnectAsync(Portal, DemoPeople.DrLee);
        var (grid, _) = await OpenGridAsync(DemoPeople.Manager, rows: 2);
        await TickPageAsync(grid);

        await PressAsync(grid, BulkAction.Invite);

        grid.WaitForAssertion(() => Summary(grid).Should().Be("1 invited, 1 skipped: already connected"), Live);
        grid.Find("[data-testid=bulk-links]").TextContent.Should().Contain("Sam Front: http").And.Contain(FullscriptPortal.Clinics.Invites.PathPrefix)
            .And.NotContain("Dr. Jordan Lee");
    }

    private async Task<System.Security.Claims.ClaimsPrincipal> SupportAsync()
    {
        using var support = await BulkPeople.SignedInAsync(Portal, DemoPeople.Support);
        return await support.PrincipalAsync();
    }
}
