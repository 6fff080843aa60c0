using System.Net;
using FullscriptPortal.Auth;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Auth;

public sealed class CommonPasswordValidatorTests
{
    private static readonly PortalUser Morgan = new() { UserName = "morgan.lee@clinic.test", Email = "morgan.lee@clinic.test", DisplayName = "Morgan Lee" };

    [Theory]
    [InlineData("password123!")]
    [InlineData("PASSWORD123!")]
    [InlineData("Summer2025!")]
    [InlineData("qwertyuiop")]
    [InlineData("1q2w3e4r5t")]
    [InlineData("iloveyou2024")]
    [InlineData("Welcome123!")]
    public async Task A_common_password_is_refused_whatever_its_case(string password)
    {
        var result = await CreateSut().ValidateAsync(null!, Morgan, password);

        result.Errors.Should().ContainSingle(e => e.Description == CommonPasswordValidator.TooCommon);
    }

    [Theory]
    [InlineData(DemoSeed.Password)]
    [InlineData("correct horse battery staple")]
    [InlineData("Lakeview-clinic-rooftop-7")]
    public async Task An_uncommon_password_passes(string password)
    {
        (await CreateSut().ValidateAsync(null!, Morgan, password)).Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData("morgan.lee-rocks-2026")]
    [InlineData("My name is MORGAN.LEE!")]
    public async Task A_password_holding_the_persons_email_name_is_refused(string password)
    {
        var result = await CreateSut().ValidateAsync(null!, Morgan, password);

        result.Errors.Should().ContainSingle(e => e.Description == CommonPasswordValidator.ContainsEmail);
    }

    [Fact]
    public void The_shipped_list_is_loaded_from_the_assembly()
    {
        CommonPasswordValidator.ListSize.Should().BeGreaterThan(10_000);
    }

    private static CommonPasswordValidator CreateSut() => new();
}

[Collection(SharedPortal.Pages)]
public sealed class CommonPasswordTests(PortalFactory factory) : IAsyncLifetime
{
    [Fact]
    public async Task The_invitation_page_refuses_a_common_password_with_a_clear_message_and_accepts_a_better_one()
    {
        var (userId, link) = await InviteAsync("new.person@northside.test");
        using var browser = factory.NewSession();

        var refused = await browser.PostFormAsync(link, "welcome", new() { ["Form.Password"] = "Password123!", ["Form.Confirm"] = "Password123!" });

        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TwoFactorSteps.TextOf(refused)).Should().Contain(CommonPasswordValidator.TooCommon);
        (await factory.QueryAsync(db => db.Users.SingleAsync(u => u.Id == userId))).PasswordHash.Should().BeNull();

        await browser.AcceptInvitationAsync(new Uri(browser.Http.BaseAddress!, link).AbsoluteUri, "Northside-rooftop-garden-7");
        (await browser.Http.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UserManager_applies_the_check_to_every_password_it_sets()
    {
        var result = await factory.InScopeAsync<UserManager<PortalUser>, IdentityResult>(users => users.CreateAsync(
            new PortalUser { UserName = "casey.doe@northside.test", Email = "casey.doe@northside.test", DisplayName = "Casey Doe" }, "iloveyou2024"));

        result.Succeeded.Should().BeFalse();
        result.Errors.Select(e => e.Code).Should().Contain(CommonPasswordValidator.TooCommonCode);
    }

    private async Task<(string UserId, string Link)> InviteAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "New Person" };
        (await users.CreateAsync(user)).Succeeded.Should().BeTrue();
        var (link, _) = await scope.ServiceProvider.GetRequiredService<AccountInvitations>().CreateAsync(user);
        return (user.Id, link);
    }

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
