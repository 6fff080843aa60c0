using System.Globalization;
using Bunit;
using FullscriptPortal.Audit;
using FullscriptPortal.Data;
using FullscriptPortal.Support;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FullscriptPortal.Tests.Pages;

/// <summary>Support's audit trail over the real services: events and outcomes in words with icons, people by name,
/// a date range, an outcome select, and new entries appearing live.</summary>
[Collection(SharedPortal.Pages)]
public sealed class AuditPageTests(PortalFactory portal) : PageTestContext(portal)
{
    private async Task<(IRenderedComponent<MudPopoverProvider> Popovers, IRenderedComponent<AuditPage> Page)> OpenAsSupportAsync()
    {
        using var support = Portal.NewSession();
        await support.SignInAsync(DemoPeople.Support);
        await SignInAsAsync(support);
        var popovers = Render<MudPopoverProvider>();
        return (popovers, Render<AuditPage>());
    }

    private async Task WriteAsync(string action, string outcome, string actor, string? subject = null, DateTimeOffset? at = null, string? detail = null)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        db.Audit(at ?? Portal.Time.GetUtcNow(), action, outcome, actor, subject, detail: detail);
        await db.SaveChangesAsync();
    }

    private Task<string> UserIdOfAsync(string email) => Portal.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private static List<string> Cells(IRenderedComponent<AuditPage> page, string testId) =>
        [.. page.FindAll($"[data-testid={testId}]").Select(e => e.TextContent.Trim())];

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<AuditPage> page, string testId) =>
        page.Find($"[data-testid={testId}]") is { TagName: "INPUT" } input ? input : page.Find($"[data-testid={testId}] input");

    [Fact]
    public async Task Events_and_outcomes_read_as_words_with_an_icon_and_people_by_name()
    {
        using var lee = Portal.NewSession();
        (await lee.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();

        var (_, page) = await OpenAsSupportAsync();

        page.WaitForAssertion(() => Cells(page, "audit-event-name").Should().Contain(["Connect started", "Fullscript consent", "Connection attempt"]));
        Cells(page, "audit-outcome-name").Should().Contain(["Sent to Fullscript", "Approved", "Connected"]);
        page.FindAll("[data-testid=audit-event-name]").Should().OnlyContain(cell => cell.QuerySelector("svg") != null, "every event has its icon");
        Cells(page, "audit-actor").Should().OnlyContain(name => name == "Dr. Jordan Lee");
        Cells(page, "audit-person").Should().OnlyContain(name => name == "Dr. Jordan Lee");
        Cells(page, "audit-event-name").Should().NotContain(text => text.Contains('.'), "no event code like connect.started");
    }

    [Fact]
    public async Task The_worker_an_api_key_and_a_removed_user_are_named_never_shown_as_ids()
    {
        await WriteAsync(AuditActions.Refreshed, "refreshed", AuditActions.System, await UserIdOfAsync(DemoPeople.DrLee));
        await WriteAsync(AuditActions.ApiCall, "200", "api:EHR production");
        await WriteAsync(AuditActions.Disconnect, "revoked", "0b5b3c3e-gone", "5f1d7a4e-gone");
        var sam = await UserIdOfAsync(DemoPeople.SamFront);
        await WriteAsync(AuditActions.InviteUsed, "used", sam, sam, detail: $"invite from {await UserIdOfAsync(DemoPeople.Manager)}");

        var (_, page) = await OpenAsSupportAsync();

        page.WaitForAssertion(() => Cells(page, "audit-actor").Should().BeEquivalentTo(["Background worker", "API key \u201cEHR production\u201d", AuditTrailQuery.RemovedPerson, "Sam Front"]));
        page.Markup.Should().Contain("invite from Morgan Manager", "an id in the details is shown as the person's name");
        Cells(page, "audit-person").Should().Contain(["Dr. Jordan Lee", AuditTrailQuery.RemovedPerson]);
        Cells(page, "audit-outcome-name").Should().Contain("HTTP 200");
        page.Markup.Should().NotContain("-gone");
    }

    [Fact]
    public async Task The_outcome_select_offers_the_recorded_outcomes_in_words_and_filters_by_one()
    {
        var lee = await UserIdOfAsync(DemoPeople.DrLee);
        await WriteAsync(AuditActions.Refreshed, "refreshed", AuditActions.System, lee);
        await WriteAsync(AuditActions.Refreshed, "transient-failure", AuditActions.System, lee);
        var (popovers, page) = await OpenAsSupportAsync();
        page.WaitForAssertion(() => Cells(page, "audit-outcome-name").Should().HaveCount(2));

        await page.InvokeAsync(() => page.Find("[data-testid=audit-outcome]").Closest(".mud-select")!.MouseDown());
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim()).Should().Equal("Renewed", "Fullscript did not answer; retrying"));
        await popovers.InvokeAsync(() => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == "Fullscript did not answer; retrying").Click());

        page.WaitForAssertion(() => Cells(page, "audit-outcome-name").Should().Equal("Fullscript did not answer; retrying"));
        page.Find("[data-testid=audit-export]").GetAttribute("href").Should().Contain("outcome=transient-failure", "the export takes the filters on screen");
    }

    [Fact]
    public async Task A_date_range_keeps_the_entries_of_those_days_only()
    {
        var now = Portal.Time.GetUtcNow();
        await WriteAsync(AuditActions.InviteCreated, "created", await UserIdOfAsync(DemoPeople.Manager), at: now.AddDays(-3));
        await WriteAsync(AuditActions.InviteUsed, "used", await UserIdOfAsync(DemoPeople.SamFront), at: now);
        var (_, page) = await OpenAsSupportAsync();
        page.WaitForAssertion(() => Cells(page, "audit-event-name").Should().HaveCount(2));

        var today = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.InvokeAsync(() => Input(page, "audit-from").Change(today));
        page.WaitForAssertion(() => Cells(page, "audit-event-name").Should().Equal("Invite accepted"));

        var threeDaysAgo = now.AddDays(-3).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.InvokeAsync(() => Input(page, "audit-from").Change(threeDaysAgo));
        await page.InvokeAsync(() => Input(page, "audit-to").Change(threeDaysAgo));
        page.WaitForAssertion(() => Cells(page, "audit-event-name").Should().Equal("Invite sent"));
    }

    [Fact]
    public async Task A_new_entry_appears_without_a_reload()
    {
        var (_, page) = await OpenAsSupportAsync();
        page.WaitForAssertion(() => page.Markup.Should().Contain("No entries match."));

        await WriteAsync(AuditActions.ApiKeyCreated, "created", await UserIdOfAsync(DemoPeople.Support));

        page.WaitForAssertion(() => Cells(page, "audit-event-name").Should().Equal("API key created"));
        Cells(page, "audit-actor").Should().Equal("Casey Support");
    }
}
