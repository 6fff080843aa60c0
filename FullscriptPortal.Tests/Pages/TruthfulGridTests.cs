using Bunit;
using FullscriptPortal.Clinics;
using FullscriptPortal.Components.Preferences;
using FullscriptPortal.Connections;
using FullscriptPortal.Live;
using FullscriptPortal.People;
using FullscriptPortal.Support;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tokens;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Pages;

/// <summary>What the manager's and support's pages show is what is true: the filters the grid says it applies are the
/// ones its rows and its export apply, the address carries the view, and counts, tiles and queue follow every change.</summary>
[Collection(SharedPortal.Pages)]
public sealed class TruthfulGridTests(PortalFactory portal) : PageTestContext(portal)
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(5);

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private async Task<PortalSession> SignedInAsync(string email)
    {
        var session = Portal.NewSession();
        await session.SignInAsync(email);
        await SignInAsAsync(session);
        return session;
    }

    private async Task<PortalSession> ConnectedAsync(string email)
    {
        var session = Portal.NewSession();
        (await session.ConnectAsync(email)).Succeeded.Should().BeTrue();
        return session;
    }

    // What "navigating to /clinic again" keeps: the circuit's own preferences store, as the browser's storage left it.
    private Task RememberAsync(Func<PortalPreferences, PortalPreferences> change) => Services.GetRequiredService<PreferencesStore>().UpdateAsync(change);

    private static IReadOnlyList<string> Names<T>(IRenderedComponent<T> page) where T : IComponent =>
        [.. page.FindAll("[data-testid=people-grid] tbody tr strong").Select(e => e.TextContent)];

    [Fact]
    public async Task The_state_and_sort_selects_filter_and_order_the_rows_and_ignore_what_no_option_says()
    {
        using var lee = await ConnectedAsync(DemoPeople.DrLee);
        using var manager = await SignedInAsync(DemoPeople.Manager);
        Navigation.NavigateTo("/clinic");
        var page = Render<ClinicPage>();
        page.WaitForAssertion(() => Names(page).Should().Equal("Dr. Jordan Lee", "Sam Front"), Live);

        await page.InvokeAsync(() => page.Find("select[data-testid=state-filter]").Change("NotConnected"));

        page.WaitForAssertion(() => Names(page).Should().Equal("Sam Front"), Live);
        new Uri(Navigation.Uri).Query.Should().Be("?state=NotConnected");
        page.Find("select[data-testid=state-filter]").GetAttribute("value").Should().Be("NotConnected");

        await page.InvokeAsync(() => page.Find("select[data-testid=state-filter]").Change(""));
        await page.InvokeAsync(() => page.Find("select[data-testid=sort-by]").Change("Role"));

        page.WaitForAssertion(() => Names(page).Should().Equal("Dr. Jordan Lee", "Sam Front"), Live);
        new Uri(Navigation.Uri).Query.Should().Be("?sort=role");

        // A value no option has (a tampered page): the state filter falls back to every state, the sort stays.
        await page.InvokeAsync(() => page.Find("select[data-testid=sort-by]").Change("999"));
        await page.InvokeAsync(() => page.Find("select[data-testid=state-filter]").Change("Bogus"));

        page.WaitForAssertion(() => Names(page).Should().Equal("Dr. Jordan Lee", "Sam Front"), Live);
        new Uri(Navigation.Uri).Query.Should().Be("?sort=role");
    }

    [Fact]
    public async Task A_remembered_state_is_applied_to_the_rows_and_the_export_not_only_shown()
    {
        using var lee = await ConnectedAsync(DemoPeople.DrLee);
        using var manager = await SignedInAsync(DemoPeople.Manager);
        await RememberAsync(p => p with { LastState = ConnectionState.NotConnected });
        Navigation.NavigateTo("/clinic");

        var page = Render<ClinicPage>();

        page.WaitForAssertion(() => Names(page).Should().Equal("Sam Front"), Live);
        page.Find("[data-testid=export-csv]").GetAttribute("data-url").Should().Contain("state=NotConnected");
        new Uri(Navigation.Uri).Query.Should().Be("?state=NotConnected", "the address shows the view the rows show");
    }

    [Fact]
    public async Task A_remembered_search_is_applied_to_the_rows_and_the_export_not_only_shown()
    {
        using var manager = await SignedInAsync(DemoPeople.Manager);
        await RememberAsync(p => p with { LastSearch = "Lee" });
        Navigation.NavigateTo("/clinic");

        var page = Render<ClinicPage>();

        page.WaitForAssertion(() => Names(page).Should().Equal("Dr. Jordan Lee"), Live);
        page.Find("[data-testid=export-csv]").GetAttribute("data-url").Should().Contain("search=Lee");
        new Uri(Navigation.Uri).Query.Should().Be("?search=Lee", "the address shows the view the rows show");
    }

    [Fact]
    public async Task The_address_wins_over_the_remembered_view_and_a_changed_filter_goes_into_the_address()
    {
        using var lee = await ConnectedAsync(DemoPeople.DrLee);
        using var manager = await SignedInAsync(DemoPeople.Manager);
        await RememberAsync(p => p with { LastState = ConnectionState.NotConnected });
        Navigation.NavigateTo("/clinic?state=Active&sort=-name");

        var page = Render<ClinicPage>();

        page.WaitForAssertion(() => Names(page).Should().Equal("Dr. Jordan Lee"), Live);
        var filters = page.FindComponent<PeopleFilters>();
        await page.InvokeAsync(() => filters.Instance.FilterChanged.InvokeAsync(filters.Instance.Filter with { State = null, Search = "Sam" }));
        page.WaitForAssertion(() => Names(page).Should().Equal("Sam Front"), Live);
        new Uri(Navigation.Uri).Query.Should().Be("?search=Sam&sort=-name");
        (await Services.GetRequiredService<PreferencesStore>().LoadAsync()).Should().Match<PortalPreferences>(p => p.LastSearch == "Sam" && p.LastState == null,
            "what the viewer chose is remembered too");
    }

    [Fact]
    public async Task A_column_header_sorts_the_rows_says_so_with_aria_sort_and_puts_the_order_in_the_address()
    {
        using var manager = await SignedInAsync(DemoPeople.Manager);
        Navigation.NavigateTo("/clinic");
        var page = Render<ClinicPage>();
        page.WaitForAssertion(() => Names(page).Should().Equal("Dr. Jordan Lee", "Sam Front"), Live);
        page.Find("[data-testid=sort-name]").ParentElement!.GetAttribute("aria-sort").Should().Be("ascending");

        await page.InvokeAsync(() => page.Find("[data-testid=sort-name]").ClickAsync(new()));

        page.WaitForAssertion(() => Names(page).Should().Equal("Sam Front", "Dr. Jordan Lee"), Live);
        page.Find("[data-testid=sort-name]").ParentElement!.GetAttribute("aria-sort").Should().Be("descending");
        page.Find("[data-testid=sort-role]").ParentElement!.GetAttribute("aria-sort").Should().Be("none");
        new Uri(Navigation.Uri).Query.Should().Be("?sort=-name");

        await page.InvokeAsync(() => page.Find("[data-testid=sort-role]").ClickAsync(new()));

        page.WaitForAssertion(() => page.Find("[data-testid=sort-role]").ParentElement!.GetAttribute("aria-sort").Should().Be("ascending"), Live);
        new Uri(Navigation.Uri).Query.Should().Be("?sort=role");
    }

    [Fact]
    public async Task A_tile_links_to_the_grid_showing_what_it_counts_and_following_it_filters_the_rows()
    {
        var (_, patel) = (await ConnectedAsync(DemoPeople.DrLee), await ConnectedAsync(DemoPeople.DrPatel));
        await Portal.RevokeInsideFullscriptAsync("Dr. Priya Patel");
        (await patel.InCircuitAsync(c => c.RefreshNowAsync())).Result.Should().Be(RefreshResult.NeedsReconnect);
        using var support = await SignedInAsync(DemoPeople.Support);
        Navigation.NavigateTo("/support?view=all");
        var page = Render<SupportPage>();
        page.WaitForAssertion(() => Names(page).Should().HaveCount(3), Live);

        var link = page.Find("[data-testid=coverage-reconnect-link]").GetAttribute("href")!;
        link.Should().Be("/support?view=all&state=NeedsReconnect");
        page.Find("[data-testid=coverage-reconnect]").TextContent.Should().Be("1");
        Navigation.NavigateTo(link);

        page.WaitForAssertion(() => Names(page).Should().Equal("Dr. Priya Patel"), Live);
    }

    [Fact]
    public async Task The_connected_expiring_and_not_connected_tiles_show_exactly_the_rows_they_count()
    {
        var (_, patel) = (await ConnectedAsync(DemoPeople.DrLee), await ConnectedAsync(DemoPeople.DrPatel));
        await Portal.RevokeInsideFullscriptAsync("Dr. Priya Patel");
        (await patel.InCircuitAsync(c => c.RefreshNowAsync())).Result.Should().Be(RefreshResult.NeedsReconnect);
        using var support = await SignedInAsync(DemoPeople.Support);
        Navigation.NavigateTo("/support?view=all");
        var page = Render<SupportPage>();
        page.WaitForAssertion(() => Names(page).Should().HaveCount(3), Live);
        page.Find("[data-testid=coverage-connected]").TextContent.Should().Be("1");
        page.Find("[data-testid=coverage-not-connected]").TextContent.Should().Be("1");

        // Connected spans Active and a refresh being retried, so no state names it: the tile's own set does.
        var connected = page.Find("[data-testid=coverage-connected-link]").GetAttribute("href")!;
        connected.Should().Be("/support?view=all&state=all&show=connected");
        Navigation.NavigateTo(connected);
        page.WaitForAssertion(() => Names(page).Should().Equal("Dr. Jordan Lee"), Live);
        page.Find("[data-testid=set-filter]").TextContent.Should().Contain("Showing: connected");
        page.Find("[data-testid=export-csv]").GetAttribute("data-url").Should().Contain("show=Connected", "the export shows what the grid shows");

        Navigation.NavigateTo(page.Find("[data-testid=coverage-not-connected-link]").GetAttribute("href")!);
        page.WaitForAssertion(() => Names(page).Should().Equal("Sam Front"), Live);

        // A fresh token is two hours from expiry: nobody is in the "within 15 min" set.
        Navigation.NavigateTo(page.Find("[data-testid=coverage-expiring-link]").GetAttribute("href")!);
        page.WaitForAssertion(() => page.FindAll("[data-testid=people-grid] tbody tr strong").Should().BeEmpty(), Live);

        // Closing the chip shows every row again.
        await page.InvokeAsync(() => page.Find("[data-testid=set-filter] button").Click());
        page.WaitForAssertion(() => Names(page).Should().HaveCount(3), Live);
        new Uri(Navigation.Uri).Query.Should().NotContain("show=");
    }

    [Fact]
    public async Task An_unknown_set_in_the_export_address_is_refused_with_a_sentence()
    {
        using var support = await SignedInAsync(DemoPeople.Support);

        using var response = await support.Http.GetAsync(PeopleExport.Path + "?show=everyone");

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Unknown set");
    }

    [Fact]
    public async Task Supports_queue_its_count_and_its_tiles_follow_a_connection_that_turns_needs_reconnecting_without_a_reload()
    {
        using var lee = await ConnectedAsync(DemoPeople.DrLee);
        using var patel = await ConnectedAsync(DemoPeople.DrPatel);
        using var support = await SignedInAsync(DemoPeople.Support);
        Navigation.NavigateTo("/support");
        var page = Render<SupportPage>();
        page.WaitForAssertion(() => page.Markup.Should().Contain("Needs attention (0)").And.Contain("Nothing needs attention right now."), Live);

        await Portal.RevokeInsideFullscriptAsync("Dr. Priya Patel");
        (await patel.InCircuitAsync(c => c.RefreshNowAsync())).Result.Should().Be(RefreshResult.NeedsReconnect);

        page.WaitForAssertion(() => page.Markup.Should().Contain("Needs attention (1)"), Live);
        page.WaitForAssertion(() => Names(page).Should().Equal("Dr. Priya Patel"), Live);
        page.Find("[data-testid=coverage-reconnect]").TextContent.Should().Be("1");
        page.Find("[data-testid=coverage-connected]").TextContent.Should().Be("1");
    }

    [Fact]
    public async Task A_managers_filtered_grid_and_counts_follow_a_change_to_someone_not_on_the_page()
    {
        using var lee = await ConnectedAsync(DemoPeople.DrLee);
        using var manager = await SignedInAsync(DemoPeople.Manager);
        Navigation.NavigateTo("/clinic?state=NeedsReconnect");
        var page = Render<ClinicPage>();
        page.WaitForAssertion(() => page.Markup.Should().Contain("Nobody matches these filters."), Live);
        page.Find("[data-testid=coverage-connected]").TextContent.Should().Be("1");

        await Portal.RevokeInsideFullscriptAsync("Dr. Jordan Lee");
        (await lee.InCircuitAsync(c => c.RefreshNowAsync())).Result.Should().Be(RefreshResult.NeedsReconnect);

        page.WaitForAssertion(() => Names(page).Should().Equal("Dr. Jordan Lee"), Live);
        page.WaitForAssertion(() => page.Find("[data-testid=coverage-reconnect]").TextContent.Should().Be("1"), Live);
        page.Find("[data-testid=coverage-connected]").TextContent.Should().Be("0");
    }

    [Fact]
    public async Task A_change_to_a_persons_connection_reaches_their_clinics_people_and_no_other_clinic()
    {
        var northside = await Portal.QueryAsync(db => db.Clinics.SingleAsync(c => c.Name == FullscriptPortal.Auth.DemoSeed.Northside));
        var heard = new List<ConnectionChange>();
        using var subscription = Portal.Services.GetRequiredService<ConnectionNotifier>().Subscribe(ChangeKey.PeopleOf(northside.Id), change =>
        {
            lock (heard) heard.Add(change);
            return Task.CompletedTask;
        });

        using var patel = await ConnectedAsync(DemoPeople.DrPatel);
        using var lee = await ConnectedAsync(DemoPeople.DrLee);

        lock (heard) heard.Should().NotBeEmpty().And.OnlyContain(c => c.UserId == lee.UserId && c.PersonClinicId == northside.Id);
    }

    [Fact]
    public async Task A_connection_retrying_its_refresh_while_its_access_token_works_counts_as_connected_with_a_warning_and_stays_in_the_chart()
    {
        using var lee = await ConnectedAsync(DemoPeople.DrLee);
        using var manager = Portal.NewSession();
        await manager.SignInAsync(DemoPeople.Manager);
        var viewer = await manager.PrincipalAsync();
        var active = await Portal.InScopeAsync<ConnectionDirectory, Coverage>(d => d.CoverageAsync(viewer));

        await Portal.QueryAsync(db => db.Connections.Where(c => c.UserId == lee.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, ConnectionState.RefreshFailing).SetProperty(c => c.ConsecutiveFailures, 2)));
        var retrying = await Portal.InScopeAsync<ConnectionDirectory, Coverage>(d => d.CoverageAsync(viewer));

        active.Connected.Should().Be(1);
        retrying.Connected.Should().Be(1, "the access token still works while the refresh is retried");
        retrying.Failing.Should().Be(1, "with a warning");
        retrying.NotConnected.Should().Be(active.NotConnected);
        retrying.ExpiriesPerQuarterHour.Should().Equal(active.ExpiriesPerQuarterHour, "its token still expires where it did");
        retrying.ExpiringSoon.Should().Be(active.ExpiringSoon);
    }
}
