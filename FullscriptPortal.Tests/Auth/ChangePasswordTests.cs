using System.Net;
using FullscriptPortal.Auth;
using FullscriptPortal.Tests.Infrastructure;

namespace FullscriptPortal.Tests.Auth;

/// <summary>A signed-in person changes their password: the current one is checked, the common-password list applies, and
/// every other browser signed in as them is signed out while this one carries on.</summary>
[Collection(SharedPortal.Pages)]
public sealed class ChangePasswordTests(PortalFactory factory) : IAsyncLifetime
{
    private const string NewPassword = "Violet-harbour-lantern-42";

    [Fact]
    public async Task A_new_password_works_the_old_one_no_longer_and_other_browsers_are_signed_out()
    {
        var email = await TwoFactorSteps.AddPersonAsync(factory, PortalRoles.Practitioner);
        using var browser = factory.NewSession();
        await browser.SignInAsync(email);
        using var otherBrowser = factory.NewSession();
        await otherBrowser.SignInAsync(email);

        var answer = await ChangeAsync(browser, DemoSeed.Password, NewPassword);

        answer.Should().Contain("Your password is changed.");
        (await browser.Http.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK, "this browser got a fresh sign-in");
        var other = await otherBrowser.Http.GetAsync("/");
        other.StatusCode.Should().Be(HttpStatusCode.Redirect, "the other browser's session ended with the old password");
        other.Headers.Location!.AbsolutePath.Should().Be(AccountEndpoints.SignInPath);
        using var later = factory.NewSession();
        (await later.PasswordStepAsync(email, password: DemoSeed.Password)).StatusCode.Should().Be(HttpStatusCode.OK, "the old password is refused");
        await later.SignInAsync(email, NewPassword);
    }

    [Theory]
    [InlineData("wrong-current-password", NewPassword, "Your current password isn't right.")]
    [InlineData(DemoSeed.Password, "password123456", "This password is too common.")]
    [InlineData(DemoSeed.Password, "short", "Use at least 10 characters.")]
    public async Task A_wrong_current_password_or_a_weak_new_one_is_refused_and_changes_nothing(string current, string next, string message)
    {
        var email = await TwoFactorSteps.AddPersonAsync(factory, PortalRoles.Practitioner);
        using var browser = factory.NewSession();
        await browser.SignInAsync(email);

        (await ChangeAsync(browser, current, next)).Should().Contain(message);

        using var later = factory.NewSession();
        await later.SignInAsync(email, DemoSeed.Password);
    }

    private static async Task<string> ChangeAsync(PortalSession browser, string current, string next)
    {
        var response = await browser.PostFormAsync(AccountSecurity.ChangePasswordPath, "change-password", new()
        {
            ["Form.Current"] = current,
            ["Form.New"] = next,
            ["Form.Confirm"] = next,
        });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await TwoFactorSteps.TextOf(response);
    }

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
