using System.Net;
using System.Text.RegularExpressions;
using FullscriptPortal.Auth;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Tests.Auth;

/// <summary>What a person does on the account security page and the sign-in steps, over real HTTP.</summary>
public static partial class TwoFactorSteps
{
    /// <summary>A new person at Northside (removed by the next reset), so no demo account is left with two-step sign-in on.</summary>
    public static async Task<string> AddPersonAsync(PortalFactory factory, string role)
    {
        var email = $"person-{Guid.NewGuid():N}@northside.test";
        var clinic = await factory.QueryAsync(db => db.Clinics.SingleAsync(c => c.Name == DemoSeed.Northside));
        await factory.InScopeAsync<UserManager<PortalUser>, bool>(async users =>
        {
            var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Test Person", ClinicId = clinic.Id };
            (await users.CreateAsync(user, DemoSeed.Password)).Succeeded.Should().BeTrue();
            (await users.AddToRoleAsync(user, role)).Succeeded.Should().BeTrue();
            return true;
        });
        return email;
    }

    /// <summary>Opens the page at <paramref name="pathAndQuery"/> and posts its form <paramref name="handler"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this PortalSession session, string pathAndQuery, string handler, Dictionary<string, string> fields)
    {
        var page = await session.Http.GetStringAsync(pathAndQuery);
        fields["__RequestVerificationToken"] = PortalSession.HiddenField(page, "__RequestVerificationToken");
        fields["_handler"] = handler;
        return await session.Http.PostAsync(pathAndQuery, new FormUrlEncodedContent(fields));
    }

    /// <summary>The password step only: where the portal sends the browser next.</summary>
    public static async Task<HttpResponseMessage> PasswordStepAsync(this PortalSession session, string email, string? returnUrl = null, string password = DemoSeed.Password) =>
        await session.PostFormAsync(returnUrl is null ? "/account/signin" : $"/account/signin?ReturnUrl={Uri.EscapeDataString(returnUrl)}", "signin",
            new() { ["Form.Email"] = email, ["Form.Password"] = password });

    /// <summary>Reads the shared key off the security page and turns two-step sign-in on with the app's current code.</summary>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(this PortalSession session)
    {
        var key = await SharedKeyAsync(session);
        var response = await session.PostFormAsync(AccountSecurity.Path, "enable", new() { ["Enable.Code"] = Totp.Now(key) });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await response.Content.ReadAsStringAsync();
        page.Should().Contain("Two-step sign-in is on");
        return (key, RecoveryCodesOn(page));
    }

    public static async Task<string> SharedKeyAsync(this PortalSession session)
    {
        var page = await session.Http.GetStringAsync(AccountSecurity.Path);
        var match = SharedKey().Match(page);
        match.Success.Should().BeTrue("the security page should show the key to type into the app");
        return match.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
    }

    public static IReadOnlyList<string> RecoveryCodesOn(string page) =>
        [.. RecoveryCode().Matches(page).Select(m => m.Groups[1].Value)];

    public static async Task<string> TextOf(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [GeneratedRegex("data-testid=\"shared-key\"[^>]*>([a-z2-7 ]+)<")]
    private static partial Regex SharedKey();

    [GeneratedRegex("<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>")]
    private static partial Regex RecoveryCode();
}
