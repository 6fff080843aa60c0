using System.Net;
using FullscriptPortal.Auth;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace FullscriptPortal.Tests.Auth;

[Collection(SharedPortal.Pages)]
public sealed class TwoFactorTests(PortalFactory factory) : IAsyncLifetime
{
    [Fact]
    public async Task Enrolling_shows_a_qr_code_and_turns_on_only_with_the_apps_current_code()
    {
        var email = await TwoFactorSteps.AddPersonAsync(factory, PortalRoles.Practitioner);
        using var browser = factory.NewSession();
        await browser.SignInAsync(email);

        var page = await browser.Http.GetStringAsync(AccountSecurity.Path);
        page.Should().Contain("data:image/png;base64,").And.Contain("Set up an authenticator app");
        var key = await browser.SharedKeyAsync();

        var wrong = await browser.PostFormAsync(AccountSecurity.Path, "enable", new() { ["Enable.Code"] = Totp.Wrong(key) });
        (await TwoFactorSteps.TextOf(wrong)).Should().Contain("That code isn't right");
        (await TwoFactorEnabledAsync(email)).Should().BeFalse();

        var (_, recoveryCodes) = await browser.EnrolAsync();

        recoveryCodes.Should().HaveCount(AuthenticatorEnrolment.RecoveryCodeCount).And.OnlyHaveUniqueItems();
        (await TwoFactorEnabledAsync(email)).Should().BeTrue();
        (await browser.Http.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK, "turning it on keeps the person signed in");
        (await browser.Http.GetStringAsync(AccountSecurity.Path)).Should().Contain("Recovery codes left: 10")
            .And.NotContain(recoveryCodes[0], "recovery codes are shown once");
        factory.Logs.Should().NotContain(line => line.Contains(key, StringComparison.OrdinalIgnoreCase) || line.Contains(recoveryCodes[0], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Once_enrolled_signing_in_needs_the_authenticator_code_and_keeps_the_return_path()
    {
        var email = await TwoFactorSteps.AddPersonAsync(factory, PortalRoles.Practitioner);
        using (var first = factory.NewSession())
        {
            await first.SignInAsync(email);
            await first.EnrolAsync();
        }
        var key = await factory.InScopeAsync<UserManager<PortalUser>, string>(async users => (await users.GetAuthenticatorKeyAsync((await users.FindByEmailAsync(email))!))!);
        using var browser = factory.NewSession();

        var passwordStep = await browser.PasswordStepAsync(email, returnUrl: AccountSecurity.Path);

        browser.LocationOf(passwordStep).PathAndQuery.Should().Be("/account/signin/2fa?ReturnUrl=%2Faccount%2Fsecurity");
        (await browser.Http.GetAsync("/")).Headers.Location!.AbsolutePath.Should().Be("/account/signin", "a password alone does not sign in");
        var codeStep = browser.LocationOf(passwordStep).PathAndQuery;
        (await browser.Http.GetStringAsync(codeStep)).Should().Contain("Use a recovery code");

        var wrong = await browser.PostFormAsync(codeStep, "signin-2fa", new() { ["Form.Code"] = Totp.Wrong(key) });
        (await TwoFactorSteps.TextOf(wrong)).Should().Contain("That code isn't right");
        (await browser.Http.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var right = await browser.PostFormAsync(codeStep, "signin-2fa", new() { ["Form.Code"] = Totp.Now(key) });
        browser.LocationOf(right).AbsolutePath.Should().Be(AccountSecurity.Path);
        (await browser.Http.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var email = await TwoFactorSteps.AddPersonAsync(factory, PortalRoles.Staff);
        IReadOnlyList<string> codes;
        using (var first = factory.NewSession())
        {
            await first.SignInAsync(email);
            (_, codes) = await first.EnrolAsync();
        }

        using var browser = factory.NewSession();
        await browser.PasswordStepAsync(email);
        var used = await browser.PostFormAsync(AccountSecurity.RecoveryCodeSignInPath, "signin-recovery", new() { ["Form.Code"] = codes[0].ToLowerInvariant() });
        browser.LocationOf(used).AbsolutePath.Should().Be("/");
        (await browser.Http.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);

        using var again = factory.NewSession();
        await again.PasswordStepAsync(email);
        var reused = await again.PostFormAsync(AccountSecurity.RecoveryCodeSignInPath, "signin-recovery", new() { ["Form.Code"] = codes[0] });
        (await TwoFactorSteps.TextOf(reused)).Should().Contain("isn't right or was used already");
        (await again.Http.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var next = await again.PostFormAsync(AccountSecurity.RecoveryCodeSignInPath, "signin-recovery", new() { ["Form.Code"] = codes[1] });
        again.LocationOf(next).AbsolutePath.Should().Be("/");
    }

    [Fact]
    public async Task The_code_step_without_a_password_step_asks_to_sign_in_again()
    {
        using var browser = factory.NewSession();

        var page = await browser.Http.GetStringAsync(AccountSecurity.AuthenticatorSignInPath);

        WebUtility.HtmlDecode(page).Should().Contain("Your sign-in timed out");
    }

    [Fact]
    public async Task Turning_it_off_needs_a_current_code()
    {
        var email = await TwoFactorSteps.AddPersonAsync(factory, PortalRoles.Practitioner);
        using var browser = factory.NewSession();
        await browser.SignInAsync(email);
        var (key, _) = await browser.EnrolAsync();

        var wrong = await browser.PostFormAsync(AccountSecurity.Path, "turn-off", new() { ["TurnOff.Code"] = Totp.Wrong(key) });
        (await TwoFactorSteps.TextOf(wrong)).Should().Contain("That code isn't right");
        (await TwoFactorEnabledAsync(email)).Should().BeTrue();

        var right = await browser.PostFormAsync(AccountSecurity.Path, "turn-off", new() { ["TurnOff.Code"] = Totp.Now(key) });
        (await TwoFactorSteps.TextOf(right)).Should().Contain("Two-step sign-in is off");
        (await TwoFactorEnabledAsync(email)).Should().BeFalse();
        (await browser.SharedKeyAsync()).Should().NotBe(key, "a new app gets a new key");
        (await browser.Http.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK, "turning it off keeps the person signed in");
    }

    [Fact]
    public async Task Every_signed_in_person_finds_account_security_in_the_navigation()
    {
        using var browser = factory.NewSession();
        await browser.SignInAsync(DemoPeople.SamFront);

        (await browser.Http.GetStringAsync("/")).Should().Contain("Account security").And.Contain($"href=\"{AccountSecurity.Path}\"");
    }

    private Task<bool> TwoFactorEnabledAsync(string email) =>
        factory.InScopeAsync<UserManager<PortalUser>, bool>(async users => (await users.FindByEmailAsync(email))!.TwoFactorEnabled);

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
