using Bunit;
using FullscriptPortal.Support;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace FullscriptPortal.Tests.Pages;

/// <summary>Support's API keys page over the real services: a key is shown once, listed by its prefix only, and revoked
/// after a confirmation.</summary>
[Collection(SharedPortal.Pages)]
public sealed class ApiKeysPageTests(PortalFactory portal) : PageTestContext(portal)
{
    private static AngleSharp.Dom.IElement Input(IRenderedComponent<ApiKeysPage> page, string testId) =>
        page.Find($"[data-testid={testId}]") is { TagName: "INPUT" } input ? input : page.Find($"[data-testid={testId}] input");

    [Fact]
    public async Task Support_creates_a_key_sees_it_once_and_revokes_it()
    {
        using var support = Portal.NewSession();
        await support.SignInAsync(DemoPeople.Support);
        await SignInAsAsync(support);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<ApiKeysPage>();

        await page.InvokeAsync(() => Input(page, "key-name").Change("EHR production"));
        await page.InvokeAsync(() => page.Find("[data-testid=create-key]").Click());

        page.WaitForAssertion(() => page.Find("[data-testid=new-key]").TextContent.Should().Contain("fsp_"));
        var secret = page.Find(".api-key-secret").TextContent.Trim();
        var stored = await Portal.QueryAsync(db => db.ApiKeys.SingleAsync(k => k.Name == "EHR production"));
        stored.KeyHash.Should().NotContain(secret).And.HaveLength(64, "only the hash is kept");
        page.Find("[data-testid=keys]").TextContent.Should().Contain(stored.Prefix).And.NotContain(secret);

        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.GetAttribute("aria-label") == "Revoke EHR production").Click());
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Should().Contain(b => b.TextContent.Contains("Revoke", StringComparison.Ordinal)));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke").Click());

        page.WaitForAssertion(() => page.Find("[data-testid=keys]").TextContent.Should().Contain("Revoked"));
        page.Markup.Should().NotContain(secret, "a revoked key's secret is not left on the page");
        (await Portal.QueryAsync(db => db.ApiKeys.SingleAsync(k => k.Id == stored.Id))).RevokedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task A_key_without_a_name_or_with_a_bad_origin_is_refused_with_a_message_and_nothing_is_stored()
    {
        using var support = Portal.NewSession();
        await support.SignInAsync(DemoPeople.Support);
        await SignInAsAsync(support);
        var page = Render<ApiKeysPage>();

        await page.InvokeAsync(() => Input(page, "key-name").Change("EHR staging"));
        await page.InvokeAsync(() => Input(page, "key-origins").Change("http://ehr.example.com"));
        await page.InvokeAsync(() => page.Find("[data-testid=create-key]").Click());

        page.WaitForAssertion(() => page.Find("[role=alert]").TextContent.Should().Contain("is not an https origin"));
        page.FindAll("[data-testid=new-key]").Should().BeEmpty();
        (await Portal.QueryAsync(db => db.ApiKeys.CountAsync())).Should().Be(0);
    }
}
