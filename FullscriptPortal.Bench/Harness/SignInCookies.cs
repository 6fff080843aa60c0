using System.Net;
using System.Text.RegularExpressions;

namespace FullscriptPortal.Bench.Harness;

/// <summary>Signs a person in through the real sign-in form over HTTP and hands back the cookies a browser would hold.</summary>
internal static partial class SignInCookies
{
    public static async Task<CookieCollection> ForAsync(Uri portal, string email, string password = BenchPeople.Password)
    {
        var jar = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = jar }) { BaseAddress = portal };
        var page = await http.GetStringAsync("/account/signin");
        var token = AntiforgeryField().Match(page) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The sign-in page has no antiforgery field.");
        using var response = await http.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "signin",
            ["Form.Email"] = email,
            ["Form.Password"] = password,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Signing in as {email} answered {(int)response.StatusCode}, not a redirect.");
        return jar.GetCookies(portal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]*)\"")]
    private static partial Regex AntiforgeryField();
}
