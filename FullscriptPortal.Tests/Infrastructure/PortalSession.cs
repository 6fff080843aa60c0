using System.Net;
using System.Text.RegularExpressions;
using FullscriptPortal.Auth;
using FullscriptPortal.Connect;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Infrastructure;

/// <summary>One browser's worth of cookies against the portal, with the steps of the connect flow as methods.</summary>
public sealed partial class PortalSession(PortalFactory factory, HttpClient http, System.Net.CookieContainer cookies) : IDisposable
{
    public HttpClient Http => http;

    /// <summary>The cookies this session holds for the portal (its sign-in among them), e.g. to hand to a real browser.</summary>
    public System.Net.CookieCollection Cookies => cookies.GetCookies(http.BaseAddress!);

    public string? UserId { get; private set; }

    public async Task SignInAsync(string email, string password = DemoSeed.Password)
    {
        var page = await http.GetStringAsync("/account/signin");
        var response = await http.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HiddenField(page, "__RequestVerificationToken"),
            ["_handler"] = "signin",
            ["Form.Email"] = email,
            ["Form.Password"] = password,
        }));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "signing in as {0} should succeed", email);
        await using var scope = factory.Services.CreateAsyncScope();
        UserId = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!.Id;
    }

    /// <summary>Presses Connect: returns where the portal sent the browser.</summary>
    public async Task<Uri> StartConnectAsync() => await RedirectOf(await http.GetAsync(ConnectEndpoints.ConnectPath));

    /// <summary>On the simulator's consent page, picks <paramref name="fullscriptUserId"/> and approves (or denies).</summary>
    public async Task<Uri> DecideOnConsentAsync(Uri authorizeUrl, string fullscriptUserId, bool approve = true)
    {
        var page = await http.GetStringAsync(authorizeUrl);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HiddenField(page, "__RequestVerificationToken"),
            ["client_id"] = HiddenField(page, "client_id"),
            ["redirect_uri"] = WebUtility.HtmlDecode(HiddenField(page, "redirect_uri")),
            ["state"] = HiddenField(page, "state"),
            ["user_id"] = fullscriptUserId,
            ["decision"] = approve ? "approve" : "deny",
        };
        if (TryHiddenField(page, "code_challenge") is { } challenge) fields["code_challenge"] = challenge;
        return await RedirectOf(await http.PostAsync(authorizeUrl.AbsolutePath, new FormUrlEncodedContent(fields)));
    }

    /// <summary>Follows Fullscript's redirect to the portal's callback; returns where the portal sent the browser next.</summary>
    public async Task<Uri> FollowCallbackAsync(Uri callbackUrl) => await RedirectOf(await http.GetAsync(callbackUrl));

    /// <summary>Does what the dashboard's circuit does after the callback: exchange the code as this user.</summary>
    public Task<ExchangeOutcome?> FinishInCircuitAsync() => InCircuitAsync(circuit => circuit.FinishPendingConnectAsync());

    /// <summary>Runs <paramref name="action"/> in a fresh circuit scope signed in as this session's user, with the same
    /// claims the sign-in cookie carries.</summary>
    public async Task<T> InCircuitAsync<T>(Func<ConnectionsCircuitService, Task<T>> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>().CreateUserPrincipalAsync((await users.FindByIdAsync(UserId!))!);
        var authentication = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return await action(scope.ServiceProvider.GetRequiredService<ConnectionsCircuitService>());
    }

    /// <summary>The same claims principal the sign-in cookie carries for this session's user.</summary>
    public async Task<System.Security.Claims.ClaimsPrincipal> PrincipalAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return await scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>().CreateUserPrincipalAsync((await users.FindByIdAsync(UserId!))!);
    }

    /// <summary>Signs in, connects through the simulator as <paramref name="fullscriptUserEmail"/> (default: the same
    /// person) and lets the circuit exchange the code.</summary>
    public async Task<ExchangeOutcome> ConnectAsync(string email, string? fullscriptUserEmail = null)
    {
        if (UserId is null) await SignInAsync(email);
        var callback = await DecideOnConsentAsync(await StartConnectAsync(), DemoPeople.FullscriptIdOf(fullscriptUserEmail ?? email));
        (await FollowCallbackAsync(callback)).PathAndQuery.Should().Be("/?connect=codereceived");
        return (await FinishInCircuitAsync())!;
    }

    /// <summary>Opens an account invitation link and chooses a password; the portal signs the person in.</summary>
    public async Task AcceptInvitationAsync(string invitationUrl, string password)
    {
        var url = new Uri(invitationUrl);
        var page = await http.GetStringAsync(url.PathAndQuery);
        var response = await http.PostAsync(url.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HiddenField(page, "__RequestVerificationToken"),
            ["_handler"] = "welcome",
            ["Form.Password"] = password,
            ["Form.Confirm"] = password,
        }));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, "choosing a password from a fresh invitation should succeed");
        UserId = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url.Query)["user"];
    }

    /// <summary>Opens a connect link (signed in already): returns where the portal sent the browser (Fullscript).</summary>
    public async Task<Uri> OpenConnectLinkAsync(string connectLink) => await RedirectOf(await http.GetAsync(new Uri(connectLink).PathAndQuery));

    private async Task<Uri> RedirectOf(HttpResponseMessage response)
    {
        using (response)
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
            return new Uri(http.BaseAddress!, response.Headers.Location!);
        }
    }

    /// <summary>Where a redirect points, as an absolute URI.</summary>
    public Uri LocationOf(HttpResponseMessage response) => new(http.BaseAddress!, response.Headers.Location!);

    public static string HiddenField(string html, string name) =>
        TryHiddenField(html, name) ?? throw new InvalidOperationException($"No field {name} on the page.");

    private static string? TryHiddenField(string html, string name)
    {
        var match = Regex.Match(html, $"name=\"{Regex.Escape(name)}\"[^>]*?value=\"([^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    public void Dispose() => http.Dispose();
}
