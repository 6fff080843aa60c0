using System.Net;
using System.Security.Claims;
using FullscriptPortal.Auth;
using FullscriptPortal.People;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Auth;

/// <summary>Sessions end: at sign-out (a copied cookie is refused), after the absolute lifetime however active, and in
/// an open dashboard once the person's role changes or they are deactivated.</summary>
[Collection(SharedPortal.Pages)]
public sealed class SessionTests(PortalFactory factory) : IAsyncLifetime
{
    [Fact]
    public async Task After_sign_out_a_copy_of_the_cookie_taken_before_is_refused()
    {
        using var browser = factory.NewSession();
        await browser.SignInAsync(DemoPeople.DrLee);
        using var thief = CookieReplay(browser);
        (await thief.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK, "the copy works while the session lasts");

        await SignOutAsync(browser);

        var replayed = await thief.GetAsync("/");
        replayed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        replayed.Headers.Location!.AbsolutePath.Should().Be(AccountEndpoints.SignInPath);
    }

    [Fact]
    public async Task A_sign_in_ends_twelve_hours_after_the_password_however_active_the_person_is()
    {
        using var browser = factory.NewSession();
        await browser.SignInAsync(DemoPeople.DrLee);

        // Active every three hours: the sliding eight hours never run out, and each renewal is taken up.
        for (var hour = 3; hour <= 12; hour += 3)
        {
            factory.Time.Advance(TimeSpan.FromHours(3));
            (await browser.Http.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK, "{0} hours after signing in the session lasts", hour);
        }
        factory.Time.Advance(TimeSpan.FromMinutes(1));

        var late = await browser.Http.GetAsync("/");
        late.StatusCode.Should().Be(HttpStatusCode.Redirect);
        late.Headers.Location!.AbsolutePath.Should().Be(AccountEndpoints.SignInPath);
    }

    [Fact]
    public async Task An_open_dashboard_and_the_cookie_lose_the_session_when_the_persons_role_changes()
    {
        using var sam = factory.NewSession();
        await sam.SignInAsync(DemoPeople.SamFront);
        var state = await CircuitStateAsync(sam);
        await using var circuit = factory.Services.CreateAsyncScope();
        var provider = circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>()
            .Should().BeOfType<RevalidatingAuthenticationStateProvider>("open dashboards re-check their user").Subject;
        (await provider.IsCurrentAsync(state)).Should().BeTrue();

        using var support = factory.NewSession();
        await support.SignInAsync(DemoPeople.Support);
        var actor = await support.PrincipalAsync();
        try
        {
            (await factory.InScopeAsync<PeopleAdmin, PeopleOutcome>(admin => admin.ChangeRoleAsync(actor, sam.UserId!, PortalRoles.Practitioner, default)))
                .Result.Should().Be(PeopleResult.Updated);

            (await provider.IsCurrentAsync(state)).Should().BeFalse("the dashboard was opened with the old role");
            (await sam.Http.GetAsync("/")).Headers.Location!.AbsolutePath.Should().Be(AccountEndpoints.SignInPath, "the cookie carries the old role");
        }
        finally
        {
            // The shared portal's reset keeps roles: put Sam back for the tests after this one.
            await factory.InScopeAsync<PeopleAdmin, PeopleOutcome>(admin => admin.ChangeRoleAsync(actor, sam.UserId!, PortalRoles.Staff, default));
        }
    }

    [Fact]
    public async Task An_open_dashboard_loses_the_session_when_the_person_is_deactivated()
    {
        using var lee = factory.NewSession();
        await lee.SignInAsync(DemoPeople.DrLee);
        var state = await CircuitStateAsync(lee);
        await using var circuit = factory.Services.CreateAsyncScope();
        var provider = (RevalidatingAuthenticationStateProvider)circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        (await provider.IsCurrentAsync(state)).Should().BeTrue();

        using var support = factory.NewSession();
        await support.SignInAsync(DemoPeople.Support);
        var actor = await support.PrincipalAsync();
        (await factory.InScopeAsync<PeopleAdmin, PeopleOutcome>(admin => admin.DeactivateAsync(actor, lee.UserId!, "left", default)))
            .Result.Should().Be(PeopleResult.Deactivated);

        (await provider.IsCurrentAsync(state)).Should().BeFalse();
    }

    [Fact]
    public async Task An_open_dashboard_loses_the_session_twelve_hours_after_the_password()
    {
        using var lee = factory.NewSession();
        await lee.SignInAsync(DemoPeople.DrLee);
        var state = await CircuitStateAsync(lee);
        await using var circuit = factory.Services.CreateAsyncScope();
        var provider = (RevalidatingAuthenticationStateProvider)circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();

        factory.Time.Advance(TimeSpan.FromHours(12));
        (await provider.IsCurrentAsync(state)).Should().BeTrue();
        factory.Time.Advance(TimeSpan.FromMinutes(1));
        (await provider.IsCurrentAsync(state)).Should().BeFalse();
    }

    /// <summary>What a circuit opened now holds: the cookie's principal, with the time of sign-in the cookie carries.</summary>
    private async Task<AuthenticationState> CircuitStateAsync(PortalSession session)
    {
        var principal = await session.PrincipalAsync();
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(SessionCheck.SignedInAtClaim, SessionCheck.Format(factory.Time.GetUtcNow())));
        return new AuthenticationState(principal);
    }

    private static async Task SignOutAsync(PortalSession browser)
    {
        var dashboard = await browser.Http.GetStringAsync("/");
        var signedOut = await browser.Http.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalSession.HiddenField(dashboard, "__RequestVerificationToken"),
        }));
        signedOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    /// <summary>Another machine sending a copy of <paramref name="browser"/>'s cookies, as they are now.</summary>
    private HttpClient CookieReplay(PortalSession browser)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = factory.ServerAddress };
        client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", browser.Cookies.Select(c => $"{c.Name}={c.Value}")));
        return client;
    }

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
