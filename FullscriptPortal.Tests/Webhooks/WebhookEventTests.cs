using System.Net;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tokens;
using FullscriptPortal.Webhooks;

namespace FullscriptPortal.Tests.Webhooks;

/// <summary>Each event comes from the real flow that causes it, carries the person as the integrating app knows them, and
/// never a token.</summary>
[Collection(SharedPortal.Api)]
public sealed class WebhookEventTests(PortalFactory portal) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        await portal.ResetAsync();
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync() => await _receiver.DisposeAsync();


    [Fact]
    public async Task A_connections_life_is_told_event_by_event_in_order_and_no_body_holds_a_token()
    {
        await portal.RegisterAsync(_receiver, WebhookEvents.All);
        using var lee = portal.NewSession();
        (await lee.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();
        var connectionId = (await portal.ConnectionOfAsync(lee.UserId!))!.Id;
        var tokens = new List<string> { (await portal.AccessTokenAsync(connectionId)).AccessToken!, (await portal.StoredRefreshTokenAsync(connectionId))! };

        (await lee.InCircuitAsync(c => c.RefreshNowAsync())).Result.Should().Be(RefreshResult.Refreshed);
        tokens.Add((await portal.AccessTokenAsync(connectionId)).AccessToken!);
        tokens.Add((await portal.StoredRefreshTokenAsync(connectionId))!);

        portal.Faults().FailNextTokenCalls(20, 503);
        (await lee.InCircuitAsync(c => c.RefreshNowAsync())).Result.Should().Be(RefreshResult.WillRetry);
        portal.Faults().Clear();
        portal.Time.Advance(TimeSpan.FromMinutes(20));
        await portal.SweepAsync();

        await portal.RevokeInsideFullscriptAsync();
        (await lee.InCircuitAsync(c => c.RefreshNowAsync())).Result.Should().Be(RefreshResult.NeedsReconnect);

        while ((await portal.DeliverWebhooksAsync()).Attempts > 0) { }

        _receiver.Received.Select(r => r.Type).Should().Equal(
            WebhookEvents.Connected, WebhookEvents.Refreshed, WebhookEvents.Failing, WebhookEvents.Recovered,
            WebhookEvents.NeedsReconnect, WebhookEvents.RevokedInFullscript);
        _receiver.Received.Should().OnlyContain(r => r.SignatureMatches && r.Data.GetProperty("connection_id").GetGuid() == connectionId);
        _receiver.Received.Select(r => r.Data.GetProperty("state").GetString()).Should().Equal("Active", "Active", "RefreshFailing", "Active", "NeedsReconnect", "NeedsReconnect");
        foreach (var body in _receiver.Received.Select(r => r.Body))
        {
            body.Should().NotContainEquivalentOf("token");
            foreach (var token in tokens) body.Should().NotContain(token);
        }
    }

    [Fact]
    public async Task A_person_deactivated_through_the_api_is_told_with_their_external_id()
    {
        await portal.RegisterAsync(_receiver, [WebhookEvents.UserDeactivated]);
        using var backend = await BackendClient.CreateAsync(portal);
        (await backend.PutAsync("/api/v1/clinics/clinic-7", new { name = "Clinic 7" })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await backend.PutAsync("/api/v1/users/person-42", new { email = "avery@example.test", display_name = "Avery Chen", role = "practitioner", clinic = "clinic-7" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);

        (await backend.DeleteAsync("/api/v1/users/person-42", new { reason = "Left" })).StatusCode.Should().Be(HttpStatusCode.OK);
        await portal.DeliverWebhooksAsync();

        var received = _receiver.Received.Should().ContainSingle().Subject;
        received.Type.Should().Be(WebhookEvents.UserDeactivated);
        received.Data.GetProperty("external_id").GetString().Should().Be("person-42");
        received.Data.GetProperty("email").GetString().Should().Be("avery@example.test");
    }
}
