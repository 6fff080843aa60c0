using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FullscriptPortal.Api;
using FullscriptPortal.Auth;
using FullscriptPortal.Simulator;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tests.Webhooks;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Api;

/// <summary>The integrating app's backend over real HTTP: provisioning, connect links, tokens, refusals. Each test makes
/// its own clinic and people, so they share one portal.</summary>
[Collection(SharedPortal.Api)]
public sealed class ApiTests(PortalFactory factory) : IAsyncLifetime
{
    private const string Password = "Welcome!Portal1";

    private static string NewId(string what) => $"{what}-{Guid.NewGuid():N}"[..20];

    private async Task<int> ClinicIdAsync(string externalId) =>
        await factory.QueryAsync(db => db.Clinics.Where(c => c.ExternalId == externalId).Select(c => c.Id).SingleAsync());

    /// <summary>A clinic and a practitioner, made through the API; returns the practitioner's invitation link.</summary>
    private static async Task<string> ProvisionAsync(BackendClient backend, string clinic, string person, string email)
    {
        (await backend.PutAsync($"/api/v1/clinics/{clinic}", new { name = "Clinic " + clinic })).StatusCode.Should().Be(HttpStatusCode.Created);
        var created = await backend.PutAsync($"/api/v1/users/{person}", new { email, display_name = "Dr. Avery Chen", role = "practitioner", clinic });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await BackendClient.JsonAsync(created)).GetProperty("invitation_url").GetString()!;
    }

    [Fact]
    public async Task The_backend_provisions_a_person_sends_a_connect_link_hears_they_connected_and_calls_fullscript_as_them()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await factory.RegisterAsync(receiver);
        using var backend = await BackendClient.CreateAsync(factory);
        var (clinic, person) = (NewId("clinic"), NewId("dr"));
        var invitation = await ProvisionAsync(backend, clinic, person, $"{person}@chen.test");

        var before = await BackendClient.JsonAsync(await backend.GetAsync($"/api/v1/users/{person}/connection"));
        before.GetProperty("state").GetString().Should().Be("NotConnected");
        before.GetProperty("healthy").GetBoolean().Should().BeFalse();
        before.GetProperty("needs_reconnect").GetBoolean().Should().BeTrue();

        var link = await backend.PostAsync($"/api/v1/users/{person}/connect-link", new { expires_in = 900 });
        link.StatusCode.Should().Be(HttpStatusCode.Created);
        var linkBody = await BackendClient.JsonAsync(link);
        linkBody.GetProperty("expires_at").GetDateTimeOffset().Should().BeCloseTo(factory.Time.GetUtcNow().AddMinutes(15), TimeSpan.FromSeconds(5));

        // The person: chooses a password from the invitation, opens the connect link, consents at Fullscript as Dr. Chen.
        using var browser = factory.NewSession();
        await browser.AcceptInvitationAsync(invitation, Password);
        var authorize = await browser.OpenConnectLinkAsync(linkBody.GetProperty("url").GetString()!);
        var callback = await browser.DecideOnConsentAsync(authorize, DemoPeople.FullscriptIdOf("dr.chen@northside.test"));
        await browser.FollowCallbackAsync(callback);
        (await browser.FinishInCircuitAsync())!.Succeeded.Should().BeTrue();

        // The backend hears about it on its own receiver, signed, by its own id for the person.
        (await factory.DeliverWebhooksAsync()).Delivered.Should().BeGreaterThan(0);
        var connected = receiver.Received.Should().ContainSingle(w => w.Type == "connection.connected").Subject;
        // The signature, checked with the StandardWebhooks package; its timestamp is the shared portal's fake clock, which
        // earlier tests may have moved past the receiver's tolerance window, so the freshness check is not asserted here.
        connected.SignatureMatches.Should().BeTrue("the receiver checks the Standard Webhooks signature");
        connected.Data.GetProperty("external_id").GetString().Should().Be(person);

        var connection = await BackendClient.JsonAsync(await backend.GetAsync($"/api/v1/users/{person}/connection"));
        connection.GetProperty("state").GetString().Should().Be("Active");
        connection.GetProperty("healthy").GetBoolean().Should().BeTrue();
        connection.GetProperty("fullscript").GetProperty("clinic_name").GetString().Should().Be(SimulatedDirectory.Northside.Name);

        var response = await backend.PostAsync($"/api/v1/users/{person}/connection/access-token", new { min_validity = 600 });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var token = await BackendClient.JsonAsync(response);
        token.GetProperty("expires_at").GetDateTimeOffset().Should().BeAfter(factory.Time.GetUtcNow().AddSeconds(600));

        // The token works at Fullscript as it is, and the backend may also call Fullscript through the portal.
        using var fullscript = new HttpClient();
        using var clinicCall = new HttpRequestMessage(HttpMethod.Get, token.GetProperty("api_base").GetString()!.TrimEnd('/') + "/clinic");
        clinicCall.Headers.Authorization = new("Bearer", token.GetProperty("access_token").GetString());
        (await fullscript.SendAsync(clinicCall)).StatusCode.Should().Be(HttpStatusCode.OK, "the token handed out is the live one");
        var proxied = await backend.GetAsync($"/api/v1/users/{person}/fullscript/clinic");
        proxied.StatusCode.Should().Be(HttpStatusCode.OK);
        (await BackendClient.JsonAsync(proxied)).GetProperty("clinic").GetProperty("name").GetString().Should().Be(SimulatedDirectory.Northside.Name);

        var trail = await factory.QueryAsync(db => db.AuditEntries.Where(a => a.Action == "api.call").Select(a => a.Detail + " " + a.Outcome + " " + a.ActorUserId).ToListAsync());
        trail.Should().Contain(t => t.Contains($"POST /api/v1/users/{{externalId}}/connection/access-token {person} 200 api:backend-", StringComparison.Ordinal));
        trail.Should().NotContain(t => t.Contains(token.GetProperty("access_token").GetString()!, StringComparison.Ordinal));
        receiver.Received.Should().NotContain(w => w.Body.Contains(token.GetProperty("access_token").GetString()!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Provisioning_is_idempotent_and_changes_what_it_says()
    {
        using var backend = await BackendClient.CreateAsync(factory);
        var (clinic, person) = (NewId("clinic"), NewId("staff"));
        await ProvisionAsync(backend, clinic, person, $"{person}@example.test");

        (await backend.PutAsync($"/api/v1/clinics/{clinic}", new { name = "Clinic " + clinic })).StatusCode.Should().Be(HttpStatusCode.OK);
        var again = await backend.PutAsync($"/api/v1/users/{person}", new { email = $"{person}@example.test", display_name = "Avery Chen", role = "staff", clinic });
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await BackendClient.JsonAsync(again);
        body.GetProperty("invitation_url").ValueKind.Should().Be(JsonValueKind.Null, "only a new person gets an invitation");
        body.GetProperty("user").GetProperty("role").GetString().Should().Be("staff");

        var users = await factory.QueryAsync(db => db.Users.Where(u => u.ExternalId == person).ToListAsync());
        users.Should().ContainSingle().Which.DisplayName.Should().Be("Avery Chen");
        await using var scope = factory.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        (await manager.GetRolesAsync(users[0])).Should().Equal(PortalRoles.Staff);
    }

    [Fact]
    public async Task A_deactivated_person_cannot_sign_in_and_their_connection_is_revoked_at_fullscript()
    {
        using var backend = await BackendClient.CreateAsync(factory);
        var (clinic, person) = (NewId("clinic"), NewId("dr"));
        var invitation = await ProvisionAsync(backend, clinic, person, $"{person}@example.test");
        using var browser = factory.NewSession();
        await browser.AcceptInvitationAsync(invitation, Password);
        var link = await BackendClient.JsonAsync(await backend.PostAsync($"/api/v1/users/{person}/connect-link"));
        var callback = await browser.DecideOnConsentAsync(await browser.OpenConnectLinkAsync(link.GetProperty("url").GetString()!), DemoPeople.FullscriptIdOf("robin.desk@lakeview.test"));
        await browser.FollowCallbackAsync(callback);
        await browser.FinishInCircuitAsync();

        var deleted = await backend.DeleteAsync($"/api/v1/users/{person}");
        deleted.StatusCode.Should().Be(HttpStatusCode.OK);
        (await BackendClient.JsonAsync(deleted)).GetProperty("pending").GetBoolean().Should().BeFalse();

        (await factory.SimulatorGrantsAsync()).Where(g => g.UserName == "Robin Desk").Should().OnlyContain(g => g.RevokedAt != null);
        var connection = await BackendClient.JsonAsync(await backend.GetAsync($"/api/v1/users/{person}/connection"));
        connection.GetProperty("state").GetString().Should().Be("Revoked");
        connection.GetProperty("user").GetProperty("active").GetBoolean().Should().BeFalse();
        using var again = factory.NewSession();
        var signIn = () => again.SignInAsync($"{person}@example.test", Password);
        await signIn.Should().ThrowAsync<Exception>("a deactivated person cannot sign in");
    }

    [Fact]
    public async Task Missing_wrong_and_revoked_keys_get_401_problems_and_change_nothing()
    {
        using var backend = await BackendClient.CreateAsync(factory);
        var clinic = NewId("clinic");
        var body = new { name = "Never " + clinic };
        using var anonymous = new HttpClient { BaseAddress = factory.ServerAddress };

        var missing = await anonymous.PutAsJsonAsync($"/api/v1/clinics/{clinic}", body);
        await BackendClient.ProblemAsync(missing, HttpStatusCode.Unauthorized, ApiProblems.Unauthenticated);
        missing.Headers.WwwAuthenticate.Should().Contain(h => h.Scheme == "Bearer");
        await BackendClient.ProblemAsync(await backend.SendAsync(HttpMethod.Put, $"/api/v1/clinics/{clinic}", body, withKey: "fsp_wrong"), HttpStatusCode.Unauthorized, ApiProblems.Unauthenticated);
        await BackendClient.ProblemAsync(await backend.SendAsync(HttpMethod.Put, $"/api/v1/clinics/{clinic}", body, withKey: backend.Key + "x"), HttpStatusCode.Unauthorized, ApiProblems.Unauthenticated);

        var support = await BackendClient.SupportPrincipalAsync(factory);
        var keyId = await factory.QueryAsync(db => db.ApiKeys.Where(k => k.Prefix == backend.Key.Substring(0, 12)).Select(k => k.Id).SingleAsync());
        (await factory.InScopeAsync<ApiKeys, bool>(keys => keys.RevokeAsync(support, keyId, default))).Should().BeTrue();
        var revoked = await BackendClient.ProblemAsync(await backend.PutAsync($"/api/v1/clinics/{clinic}", body), HttpStatusCode.Unauthorized, ApiProblems.Unauthenticated);
        revoked.GetProperty("detail").GetString().Should().Contain("revoked");

        (await factory.QueryAsync(db => db.Clinics.AnyAsync(c => c.ExternalId == clinic))).Should().BeFalse();
    }

    [Fact]
    public async Task A_key_for_one_clinic_gets_403_for_another_clinics_people_and_changes_nothing()
    {
        using var everyClinic = await BackendClient.CreateAsync(factory);
        var (mine, theirs) = (NewId("clinic"), NewId("clinic"));
        var (myPerson, theirPerson) = (NewId("dr"), NewId("dr"));
        await ProvisionAsync(everyClinic, mine, myPerson, $"{myPerson}@example.test");
        await ProvisionAsync(everyClinic, theirs, theirPerson, $"{theirPerson}@example.test");
        using var scoped = await BackendClient.CreateAsync(factory, await ClinicIdAsync(mine));

        (await scoped.GetAsync($"/api/v1/users/{myPerson}/connection")).StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var request in new Func<Task<HttpResponseMessage>>[]
        {
            () => scoped.GetAsync($"/api/v1/users/{theirPerson}/connection"),
            () => scoped.PostAsync($"/api/v1/users/{theirPerson}/connection/access-token"),
            () => scoped.PostAsync($"/api/v1/users/{theirPerson}/connect-link"),
            () => scoped.DeleteAsync($"/api/v1/users/{theirPerson}/connection", new { reason = "test" }),
            () => scoped.DeleteAsync($"/api/v1/users/{theirPerson}"),
            () => scoped.PutAsync($"/api/v1/users/{theirPerson}", new { email = $"{theirPerson}@example.test", display_name = "Moved", role = "staff", clinic = mine }),
            () => scoped.PutAsync($"/api/v1/users/{NewId("new")}", new { email = $"{NewId("x")}@example.test", display_name = "Intruder", role = "staff", clinic = theirs }),
            () => scoped.PutAsync($"/api/v1/clinics/{theirs}", new { name = "Renamed" }),
            () => scoped.PutAsync($"/api/v1/clinics/{NewId("clinic")}", new { name = "New " + Guid.NewGuid() }),
            () => scoped.GetAsync($"/api/v1/connections?clinic={theirs}"),
        })
        {
            await BackendClient.ProblemAsync(await request(), HttpStatusCode.Forbidden, ApiProblems.NotAllowed);
        }

        var page = await BackendClient.JsonAsync(await scoped.GetAsync("/api/v1/connections?limit=200"));
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("user").GetProperty("clinic").GetString()).Should().OnlyContain(c => c == mine);
        var their = await factory.QueryAsync(db => db.Users.SingleAsync(u => u.ExternalId == theirPerson));
        (their.DisplayName, their.DeactivatedAt).Should().Be(("Dr. Avery Chen", (DateTimeOffset?)null));
        (await factory.QueryAsync(db => db.Clinics.SingleAsync(c => c.ExternalId == theirs))).Name.Should().Be("Clinic " + theirs);
        (await factory.QueryAsync(db => db.Invites.CountAsync(i => i.UserId == their.Id))).Should().Be(0);
    }

    [Fact]
    public async Task Bad_input_gets_400_problems_with_the_fields_named()
    {
        using var backend = await BackendClient.CreateAsync(factory);
        var clinic = NewId("clinic");
        var problem = await BackendClient.ProblemAsync(await backend.PutAsync($"/api/v1/users/{NewId("dr")}", new { email = "not-an-email", role = "support", clinic }),
            HttpStatusCode.BadRequest, ApiProblems.InvalidRequest);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo("email", "display_name", "role");
        await BackendClient.ProblemAsync(await backend.PutAsync("/api/v1/clinics/has%20space", new { name = "x" }), HttpStatusCode.BadRequest, ApiProblems.InvalidRequest);
        await BackendClient.ProblemAsync(await backend.GetAsync("/api/v1/connections?limit=0"), HttpStatusCode.BadRequest, ApiProblems.InvalidRequest);
        await BackendClient.ProblemAsync(await backend.GetAsync("/api/v1/users/nobody-here/connection"), HttpStatusCode.NotFound, ApiProblems.NotFoundType);
        var unknownRoute = await backend.GetAsync("/api/v1/nothing-here");
        unknownRoute.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknownRoute.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task The_openapi_document_lists_every_endpoint_with_its_schemas()
    {
        using var http = new HttpClient { BaseAddress = factory.ServerAddress };
        var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json")).RootElement;

        var paths = document.GetProperty("paths");
        paths.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "/api/v1/clinics/{externalId}", "/api/v1/users/{externalId}", "/api/v1/connections", "/api/v1/users/{externalId}/connection",
            "/api/v1/users/{externalId}/connection/access-token", "/api/v1/users/{externalId}/connect-link", "/api/v1/users/{externalId}/fullscript/{path}");
        var schemas = document.GetProperty("components").GetProperty("schemas");
        schemas.GetProperty("ApiConnection").GetProperty("properties").EnumerateObject().Select(p => p.Name)
            .Should().Contain(["state", "access_token_expires_at", "last_refreshed_at", "next_refresh_at", "failing_since", "healthy", "needs_reconnect"]);
        schemas.GetProperty("ApiAccessToken").GetProperty("properties").EnumerateObject().Select(p => p.Name).Should().Contain(["access_token", "expires_at", "api_base"]);
        document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("scheme").GetString().Should().Be("bearer");
    }

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
