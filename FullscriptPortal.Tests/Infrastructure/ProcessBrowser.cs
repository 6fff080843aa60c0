using System.Net;
using FullscriptPortal.Auth;

namespace FullscriptPortal.Tests.Infrastructure;

/// <summary>A browser (plain HTTP, its own cookies) in front of a portal process, which a test reaches only from outside.</summary>
public static class ProcessBrowser
{
    /// <summary>Signs <paramref name="email"/> in on <paramref name="portal"/>, starts the connect flow, approves it on the
    /// simulator's consent page as the matching Fullscript user, and follows the callback; the portal's worker exchanges
    /// the code (no dashboard circuit is open). Returns the authorize URL the portal sent the browser to.</summary>
    public static async Task<Uri> ConnectAsync(Uri portal, string email)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = portal };
        var signIn = await http.GetStringAsync("/account/signin");
        (await http.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalSession.HiddenField(signIn, "__RequestVerificationToken"),
            ["_handler"] = "signin",
            ["Form.Email"] = email,
            ["Form.Password"] = DemoSeed.Password,
        }))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        // Absolute for a simulator elsewhere, a same-site path for the embedded one.
        var authorize = new Uri(portal, (await http.GetAsync("/connect/fullscript")).Headers.Location!);
        var consent = await http.GetStringAsync(authorize);
        var decided = await http.PostAsync(new Uri(authorize, authorize.AbsolutePath), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalSession.HiddenField(consent, "__RequestVerificationToken"),
            ["client_id"] = PortalSession.HiddenField(consent, "client_id"),
            ["redirect_uri"] = PortalSession.HiddenField(consent, "redirect_uri"),
            ["state"] = PortalSession.HiddenField(consent, "state"),
            ["code_challenge"] = PortalSession.HiddenField(consent, "code_challenge"),
            ["user_id"] = DemoPeople.FullscriptIdOf(email),
            ["decision"] = "approve",
        }));
        (await http.GetAsync(decided.Headers.Location)).Headers.Location!.ToString().Should().Be("/?connect=codereceived");
        return authorize;
    }
}
