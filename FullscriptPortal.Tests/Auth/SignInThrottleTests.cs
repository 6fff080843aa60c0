using System.Net;
using System.Text.RegularExpressions;
using FullscriptPortal.Auth;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Auth;

/// <summary>Sign-in tells nobody which accounts exist and lets nobody lock a colleague out; per-client limits answer 429 on
/// sign-in, connect, callback and invite links while signed-in dashboards keep working.</summary>
public sealed partial class SignInThrottleTests(ThrottledPortal throttled) : IClassFixture<ThrottledPortal>
{
    private const string Throttled = "Too many sign-in attempts from this network. Wait a minute and try again.";
    private const string NoMatch = "That email and password don't match an account. Check them and try again.";

    private PortalFactory Portal => throttled.Portal;

    [Fact]
    public async Task A_known_and_an_unknown_email_get_the_same_answer()
    {
        using var client = Portal.NewSessionFrom("127.0.0.10");

        var known = await PostSignInAsync(client, DemoPeople.DrLee, "wrong-password");
        var unknown = await PostSignInAsync(client, "nobody@northside.test", "wrong-password");

        known.Should().Be((HttpStatusCode.OK, NoMatch));
        unknown.Should().Be(known);
    }

    [Fact]
    public async Task An_unknown_email_costs_one_password_check_as_a_known_one_does()
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var hasher = new CountingPasswordHasher(users.PasswordHasher);
        users.PasswordHasher = hasher;
        var signIn = scope.ServiceProvider.GetRequiredService<PasswordSignIn>();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Connection.RemoteIpAddress = IPAddress.Parse("10.0.0.11");

        (await signIn.SignInAsync(http, DemoPeople.DrLee, "wrong-password")).Result.Succeeded.Should().BeFalse();
        hasher.Verified.Should().Be(1, "a real account's password is checked");
        (await signIn.SignInAsync(http, "nobody@northside.test", "wrong-password")).Result.Succeeded.Should().BeFalse();
        hasher.Verified.Should().Be(2, "an unknown e-mail's password is checked against a hash of nobody's, the same work");
    }

    [Fact]
    public async Task A_strangers_failed_attempts_do_not_stop_the_owner_signing_in_from_elsewhere()
    {
        using var stranger = Portal.NewSessionFrom("127.0.0.20");
        for (var attempt = 1; attempt <= ThrottledPortal.SignInFailures; attempt++)
            (await PostSignInAsync(stranger, DemoPeople.DrLee, $"guess-{attempt}")).Should().Be((HttpStatusCode.OK, NoMatch));

        (await PostSignInAsync(stranger, DemoPeople.DrLee, DemoSeed.Password)).Should().Be(((HttpStatusCode)429, Throttled),
            "the stranger's network has used up its attempts at this account, even with the right password");

        using var owner = Portal.NewSessionFrom("127.0.0.21");
        await owner.SignInAsync(DemoPeople.DrLee);
        (await owner.Http.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Past_the_sign_in_limit_posts_get_429_alike_while_a_signed_in_dashboard_keeps_working()
    {
        using var office = Portal.NewSessionFrom("127.0.0.30");
        await office.SignInAsync(DemoPeople.DrLee);
        for (var post = 2; post <= ThrottledPortal.SignInPosts; post++)
            (await PostSignInAsync(office, $"person{post}@example.test", "wrong-password")).Should().Be((HttpStatusCode.OK, NoMatch));

        var known = await PostSignInRawAsync(office, DemoPeople.Manager, "wrong-password");
        var unknown = await PostSignInRawAsync(office, "nobody@example.test", "wrong-password");

        foreach (var response in new[] { known, unknown })
        {
            response.StatusCode.Should().Be((HttpStatusCode)429);
            response.Headers.RetryAfter.Should().NotBeNull();
            AlertOf(await response.Content.ReadAsStringAsync()).Should().Be(Throttled);
        }
        (await office.Http.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK, "the dashboard is never limited");
        (await office.Http.PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).StatusCode.Should().Be(HttpStatusCode.OK, "nor is its circuit");
    }

    [Fact]
    public async Task Past_the_link_limit_connect_callback_and_invite_links_get_429_with_retry_after()
    {
        using var client = Portal.NewSessionFrom("127.0.0.40");
        await client.SignInAsync(DemoPeople.DrLee);
        for (var request = 1; request <= ThrottledPortal.Links; request++)
            (await client.Http.GetAsync("/connect/fullscript")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        // The welcome page (an account invitation) counts on its own, through the pages' policy.
        for (var request = 1; request <= ThrottledPortal.Links; request++)
            (await client.Http.GetAsync("/account/welcome?user=u&token=t")).StatusCode.Should().Be(HttpStatusCode.OK);

        foreach (var path in new[] { "/connect/fullscript", "/oauth/fullscript/callback?state=s&code=c", "/invite/some-token", "/account/welcome?user=u&token=t" })
        {
            using var response = await client.Http.GetAsync(path);
            response.StatusCode.Should().Be((HttpStatusCode)429, path);
            response.Headers.RetryAfter!.Delta.Should().BePositive(path);
            (await response.Content.ReadAsStringAsync()).Should().Contain("Wait a minute", path);
        }
        (await client.Http.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK, "the dashboard is never limited");

        using var elsewhere = Portal.NewSessionFrom("127.0.0.41");
        await elsewhere.SignInAsync(DemoPeople.DrLee);
        (await elsewhere.Http.GetAsync("/connect/fullscript")).StatusCode.Should().Be(HttpStatusCode.Redirect, "the limit is per client");
    }

    [Fact]
    public async Task Past_the_link_limit_authenticator_and_recovery_code_posts_get_429_while_the_pages_still_open()
    {
        using var client = Portal.NewSessionFrom("127.0.0.50");
        var token = PortalSession.HiddenField(await client.Http.GetStringAsync(AccountEndpoints.SignInPath), "__RequestVerificationToken");
        HttpContent Code(string form) => new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = form,
            ["Form.Code"] = "123456",
        });
        for (var request = 1; request <= ThrottledPortal.Links; request++)
            (await client.Http.PostAsync(AccountSecurity.AuthenticatorSignInPath, Code("2fa"))).StatusCode.Should().NotBe((HttpStatusCode)429);

        (await client.Http.PostAsync(AccountSecurity.AuthenticatorSignInPath, Code("2fa"))).StatusCode.Should().Be((HttpStatusCode)429);
        (await client.Http.PostAsync(AccountSecurity.RecoveryCodeSignInPath, Code("recovery"))).StatusCode.Should().Be((HttpStatusCode)429, "both code steps share the client's count");
        (await client.Http.GetAsync(AccountSecurity.AuthenticatorSignInPath)).StatusCode.Should().Be(HttpStatusCode.OK, "only code posts count");
    }

    private static async Task<(HttpStatusCode Status, string? Message)> PostSignInAsync(PortalSession client, string email, string password)
    {
        using var response = await PostSignInRawAsync(client, email, password);
        return (response.StatusCode, AlertOf(await response.Content.ReadAsStringAsync()));
    }

    private static async Task<HttpResponseMessage> PostSignInRawAsync(PortalSession client, string email, string password)
    {
        var form = await client.Http.GetStringAsync(AccountEndpoints.SignInPath);
        return await client.Http.PostAsync(AccountEndpoints.SignInPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalSession.HiddenField(form, "__RequestVerificationToken"),
            ["_handler"] = "signin",
            ["Form.Email"] = email,
            ["Form.Password"] = password,
        }));
    }

    private static string? AlertOf(string html) =>
        AlertMessage().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value).Trim() : null;

    [GeneratedRegex("mud-alert-message\"[^>]*>([^<]*)<")]
    private static partial Regex AlertMessage();
}
