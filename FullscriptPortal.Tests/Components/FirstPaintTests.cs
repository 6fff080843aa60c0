using System.Net;
using FullscriptPortal.Components.Viewer;
using FullscriptPortal.Tests.Infrastructure;

namespace FullscriptPortal.Tests.Components;

/// <summary>The first paint of a page as the server sends it, before any script ran: the viewer's theme and times are in it.</summary>
[Collection(SharedPortal.Pages)]
public sealed class FirstPaintTests(PortalFactory portal) : IAsyncLifetime
{
    [Theory]
    [InlineData("dark", "dark")]
    [InlineData("light", "light")]
    [InlineData(null, "light")]
    public async Task The_server_sends_the_chosen_theme_in_the_first_paint_so_dark_never_flashes_light(string? cookie, string expected)
    {
        using var lee = portal.NewSession();
        await lee.SignInAsync(DemoPeople.DrLee);
        using var browser = BrowserWith(lee, cookie is null ? [] : [(ViewerSettings.ThemeCookieName, cookie)]);

        var html = WebUtility.HtmlDecode(await browser.GetStringAsync("/"));

        html.Should().Contain($"<html lang=\"en\" data-theme=\"{expected}\"");
        html.Should().Contain("viewer.js", "the script that keeps the theme and the viewer's zone runs in <head>, before the first paint");
        html.IndexOf("viewer.js", StringComparison.Ordinal).Should().BeLessThan(html.IndexOf("<body", StringComparison.Ordinal));
        if (expected == "dark") html.Should().Contain("--mud-palette-background: rgba(21,27,33,1)", "MudBlazor's dark palette is in the prerendered page");
        else html.Should().NotContain("--mud-palette-background: rgba(21,27,33,1)");
    }

    [Fact]
    public async Task A_prerendered_page_shows_times_in_the_zone_the_browsers_cookie_names()
    {
        using var lee = portal.NewSession();
        (await lee.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();
        using var browser = BrowserWith(lee, [(ViewerSettings.CookieName, Uri.EscapeDataString("Asia/Tokyo|de-DE"))]);

        var html = WebUtility.HtmlDecode(await browser.GetStringAsync("/"));

        var connectedAt = TimeZoneInfo.ConvertTime((await portal.ConnectionOfAsync(lee.UserId!))!.ConnectedAt, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        html.Should().Contain($"{connectedAt:dd.MM.yyyy HH:mm} UTC+9");
    }

    // A browser holding this session's sign-in plus the cookies viewer.js would have written.
    public Task InitializeAsync() => portal.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient BrowserWith(PortalSession session, IEnumerable<(string Name, string Value)> cookies)
    {
        var jar = new CookieContainer();
        foreach (Cookie c in session.Cookies) jar.Add(portal.ServerAddress, new Cookie(c.Name, c.Value));
        foreach (var (name, value) in cookies) jar.Add(portal.ServerAddress, new Cookie(name, value));
        return new HttpClient(new HttpClientHandler { CookieContainer = jar }) { BaseAddress = portal.ServerAddress };
    }
}
