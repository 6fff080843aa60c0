using Bunit;
using FullscriptPortal.Auth;
using FullscriptPortal.Clinics;
using FullscriptPortal.Components.Preferences;
using FullscriptPortal.Data;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.People;

/// <summary>A portal that logs the SQL it runs, so a test can tell which queries a page turn costs.</summary>
public sealed class SqlLoggingPortal : IDisposable
{
    public PortalFactory Portal { get; } = new() { Settings = { ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information" } };

    public void Dispose() => Portal.Dispose();
}

/// <summary>The grid shows a page without counting every match first, and turning pages reuses the count.</summary>
public sealed class GridCountTests(SqlLoggingPortal logging) : PageTestContext(logging.Portal), IClassFixture<SqlLoggingPortal>
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(10);

    private static string Pager(IRenderedComponent<ClinicPage> page) => string.Join(" ", page.FindAll(".mud-table-pagination-caption").Select(e => e.TextContent));

    // The grid's count; the coverage's grouped query counts too, but by group.
    private static bool IsGridCount(string line) => line.Contains("COUNT(", StringComparison.Ordinal) && !line.Contains("GROUP BY", StringComparison.Ordinal);

    private IEnumerable<string> Counts() => Portal.Logs.Where(l => l.Contains("Database.Command", StringComparison.Ordinal) && IsGridCount(l));

    [Fact]
    public async Task The_first_page_shows_before_the_count_and_later_pages_reuse_it()
    {
        await SeedStaffAsync(40);
        using var manager = Portal.NewSession();
        await manager.SignInAsync(DemoPeople.Manager);
        await SignInAsAsync(manager);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/clinic");
        Portal.Logs.Clear();

        var page = Render<ClinicPage>();

        // The count follows the first page to the pager: 40 staff, Dr. Lee and Sam Front.
        page.WaitForAssertion(() => Pager(page).Should().Contain("1-25 of 42"), Live);
        var log = Portal.Logs.Where(l => l.Contains("Database.Command", StringComparison.Ordinal) && l.Contains("AspNetUsers", StringComparison.Ordinal)).ToList();
        log.FindIndex(l => l.Contains("LIMIT", StringComparison.Ordinal) && !IsGridCount(l))
            .Should().BeLessThan(log.FindIndex(IsGridCount), "the rows are read before anyone counts them");
        Portal.Logs.Clear();

        await page.InvokeAsync(() => page.Find("button[aria-label='Next page']").ClickAsync(new()));

        page.WaitForAssertion(() => Pager(page).Should().Contain("26-42 of 42"), Live);
        Counts().Should().BeEmpty("a page turn of the same filter reuses the count");
    }

    [Fact]
    public async Task A_link_past_the_last_page_opens_the_last_page_and_says_so_in_the_address()
    {
        await SeedStaffAsync(40);
        var navigation = await ClinicAsync("/clinic?page=9");

        var page = Render<ClinicPage>();

        page.WaitForAssertion(() => Pager(page).Should().Contain("26-42 of 42"), Live);
        navigation.Uri.Should().EndWith("/clinic?page=2");
        page.Find("button[aria-label='Next page']").HasAttribute("disabled").Should().BeTrue();
        page.Find("button[aria-label='Previous page']").HasAttribute("disabled").Should().BeFalse();
    }

    [Fact]
    public async Task A_new_page_size_starts_from_the_first_page_and_is_remembered()
    {
        await SeedStaffAsync(40);
        var navigation = await ClinicAsync("/clinic?page=2");
        var page = Render<ClinicPage>();
        page.WaitForAssertion(() => Pager(page).Should().Contain("26-42 of 42"), Live);

        await page.InvokeAsync(() => page.Find("[data-testid=page-size]").Change("10"));

        page.WaitForAssertion(() => Pager(page).Should().Contain("1-10 of 42"), Live);
        page.FindAll("input[data-testid=select-row]").Should().HaveCount(10);
        navigation.Uri.Should().EndWith("/clinic");
        (await Services.GetRequiredService<PreferencesStore>().LoadAsync()).PageSize.Should().Be(10);

        await page.InvokeAsync(() => page.Find("button[aria-label='Last page']").ClickAsync(new()));

        page.WaitForAssertion(() => Pager(page).Should().Contain("41-42 of 42"), Live);
        navigation.Uri.Should().EndWith("/clinic?page=5");
    }

    private async Task<NavigationManager> ClinicAsync(string address)
    {
        using var manager = Portal.NewSession();
        await manager.SignInAsync(DemoPeople.Manager);
        await SignInAsAsync(manager);
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(address);
        return navigation;
    }

    private Task<bool> SeedStaffAsync(int count) => Portal.InScopeAsync<IDbContextFactory<PortalDbContext>, bool>(async dbs =>
    {
        await using var db = await dbs.CreateDbContextAsync();
        var clinicId = await db.Clinics.Where(c => c.Name == DemoSeed.Northside).Select(c => c.Id).SingleAsync();
        var roleId = await db.Roles.Where(r => r.Name == PortalRoles.Staff).Select(r => r.Id).SingleAsync();
        await db.Database.ExecuteSqlAsync($"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {count})
            INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, SecurityStamp, PhoneNumberConfirmed,
                TwoFactorEnabled, LockoutEnabled, AccessFailedCount, DisplayName, ClinicId)
            SELECT 'staff-' || i, e, upper(e), e, upper(e), 0, hex(randomblob(16)), 0, 0, 0, 0, 'Staff ' || printf('%03d', i), {clinicId}
            FROM (SELECT i, 'staff' || printf('%03d', i) || '@northside.test' AS e FROM n)
            """);
        await db.Database.ExecuteSqlAsync($"INSERT INTO AspNetUserRoles (UserId, RoleId) SELECT Id, {roleId} FROM AspNetUsers WHERE Id LIKE 'staff-%'");
        return true;
    });
}
