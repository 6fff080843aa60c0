using FullscriptPortal.Connections;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tokens;
using FullscriptPortal.Webhooks;

namespace FullscriptPortal.Tests.Webhooks;

/// <summary>Events reach a real receiver over HTTP, signed; a receiver that fails, hangs and recovers gets them again on the
/// back-off schedule; a person's events arrive in order; a receiver down for a day is switched off.</summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime, IDisposable
{
    private readonly PortalFactory _portal = new();
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _portal.Settings["Webhooks:Timeout"] = "00:00:01";
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    public void Dispose() => _portal.Dispose();

    private async Task<PortalSession> ConnectAsync(string email)
    {
        var session = _portal.NewSession();
        (await session.ConnectAsync(email)).Succeeded.Should().BeTrue();
        return session;
    }

    [Fact]
    public async Task A_new_connection_reaches_a_real_receiver_signed_the_standard_webhooks_way_and_without_a_token()
    {
        await _portal.RegisterAsync(_receiver);
        using var lee = await ConnectAsync(DemoPeople.DrLee);

        (await _portal.DeliverWebhooksAsync()).Delivered.Should().Be(1);

        var received = _receiver.Received.Should().ContainSingle().Subject;
        received.Verified.Should().BeTrue("the StandardWebhooks package accepts the signature and the timestamp");
        received.Id.Should().StartWith("msg_");
        received.Type.Should().Be(WebhookEvents.Connected);
        var connection = (await _portal.ConnectionOfAsync(lee.UserId!))!;
        received.Data.GetProperty("connection_id").GetGuid().Should().Be(connection.Id);
        received.Data.GetProperty("state").GetString().Should().Be("Active");
        received.Data.GetProperty("email").GetString().Should().Be(DemoPeople.DrLee);
        received.Data.GetProperty("server").GetString().Should().Be(connection.ServerKey);
        var (accessToken, _) = await _portal.AccessTokenAsync(connection.Id);
        received.Body.Should().NotContain(accessToken!).And.NotContain((await _portal.StoredRefreshTokenAsync(connection.Id))!).And.NotContainEquivalentOf("token");
        (await _portal.DeliveriesAsync()).Single().Should().BeEquivalentTo(new { Status = DeliveryStatus.Delivered, Attempts = 1, LastResponseCode = 200 });
    }

    [Fact]
    public async Task A_receiver_that_fails_then_times_out_then_recovers_gets_the_same_event_on_the_back_off_schedule()
    {
        await _portal.RegisterAsync(_receiver);
        _receiver.FailNext(1);
        _receiver.HangNext(TimeSpan.FromSeconds(3));
        using var lee = await ConnectAsync(DemoPeople.DrLee);

        (await _portal.DeliverWebhooksAsync()).Retrying.Should().Be(1, "the receiver answered 500");
        (await _portal.DeliveriesAsync()).Single().Should().BeEquivalentTo(new { Status = DeliveryStatus.Pending, Attempts = 1, LastResponseCode = (int?)500 });
        (await _portal.DeliverWebhooksAsync()).Attempts.Should().Be(0, "the next attempt is 5 seconds later");

        _portal.Time.Advance(TimeSpan.FromSeconds(5));
        (await _portal.DeliverWebhooksAsync()).Retrying.Should().Be(1, "the receiver did not answer within the timeout");
        var timedOut = (await _portal.DeliveriesAsync()).Single();
        timedOut.LastError.Should().Contain("did not answer in time");
        timedOut.NextAttemptAt.Should().Be(_portal.Time.GetUtcNow() + TimeSpan.FromMinutes(5));

        _portal.Time.Advance(TimeSpan.FromMinutes(4));
        (await _portal.DeliverWebhooksAsync()).Attempts.Should().Be(0);
        _portal.Time.Advance(TimeSpan.FromMinutes(1));
        (await _portal.DeliverWebhooksAsync()).Delivered.Should().Be(1);

        _receiver.Received.Select(r => r.Id).Distinct().Should().ContainSingle("every attempt carries the same webhook-id");
        _receiver.Received.Should().HaveCount(3).And.OnlyContain(r => r.SignatureMatches);
        (await _portal.DeliveriesAsync()).Single().Should().BeEquivalentTo(new { Status = DeliveryStatus.Delivered, Attempts = 3, LastResponseCode = (int?)200 });
    }

    [Fact]
    public async Task An_event_is_given_up_after_the_last_retry_and_then_the_next_event_of_that_person_goes_ahead()
    {
        await _portal.RegisterAsync(_receiver);
        _receiver.FailAlways();
        using var lee = await ConnectAsync(DemoPeople.DrLee);

        await _portal.DeliverWebhooksAsync();
        foreach (var delay in RetrySchedule.Delays)
        {
            _portal.Time.Advance(delay);
            await _portal.DeliverWebhooksAsync();
        }

        var failed = (await _portal.DeliveriesAsync()).Single();
        failed.Should().BeEquivalentTo(new { Status = DeliveryStatus.Failed, Attempts = RetrySchedule.MaxAttempts, NextAttemptAt = (DateTimeOffset?)null });
        _receiver.Received.Should().HaveCount(7);
        (await _portal.EndpointAsync(failed.EndpointId)).Enabled.Should().BeTrue("17½ hours of failures is less than a day");
    }

    [Fact]
    public async Task A_persons_events_arrive_in_order_while_another_persons_are_not_held_up()
    {
        await _portal.RegisterAsync(_receiver);
        using var lee = await ConnectAsync(DemoPeople.DrLee);
        _receiver.FailNext(1);
        (await _portal.DeliverWebhooksAsync()).Retrying.Should().Be(1, "Lee's connected event failed once");

        using var support = _portal.NewSession();
        await support.SignInAsync(DemoPeople.Support);
        var principal = await support.PrincipalAsync();
        await _portal.InScopeAsync<ConnectionDirectory, DisconnectOutcome>(d => d.RevokeAsync(principal, lee.UserId!, "Left the practice"));
        using var patel = await ConnectAsync(DemoPeople.DrPatel);

        (await _portal.DeliverWebhooksAsync()).Delivered.Should().Be(1, "Patel's event goes; Lee's disconnect waits behind Lee's connect");
        _receiver.Received.Last().Data.GetProperty("email").GetString().Should().Be(DemoPeople.DrPatel);

        _portal.Time.Advance(TimeSpan.FromSeconds(5));
        (await _portal.DeliverWebhooksAsync()).Delivered.Should().Be(2);

        _receiver.Received.Where(r => r.Data.GetProperty("email").GetString() == DemoPeople.DrLee).Select(r => r.Type)
            .Should().Equal(WebhookEvents.Connected, WebhookEvents.Connected, WebhookEvents.Disconnected);
    }

    [Fact]
    public async Task An_endpoint_that_fails_for_a_day_is_disabled_and_support_sees_why()
    {
        var endpointId = await _portal.RegisterAsync(_receiver);
        _receiver.FailAlways(503);
        using var lee = await ConnectAsync(DemoPeople.DrLee);
        await _portal.DeliverWebhooksAsync();
        foreach (var delay in RetrySchedule.Delays)
        {
            _portal.Time.Advance(delay);
            await _portal.DeliverWebhooksAsync();
        }
        (await _portal.EndpointAsync(endpointId)).Enabled.Should().BeTrue();

        _portal.Time.Advance(TimeSpan.FromHours(6.5));
        using var patel = await ConnectAsync(DemoPeople.DrPatel);
        await _portal.DeliverWebhooksAsync();

        var endpoint = await _portal.EndpointAsync(endpointId);
        endpoint.Enabled.Should().BeFalse();
        endpoint.DisabledReason.Should().Contain("every delivery failed for 24 hours").And.Contain("503");
        (await _portal.QueryAsync(db => Task.FromResult(db.AuditEntries.Count(a => a.Action == WebhookAuditActions.Disabled && a.Outcome == "auto")))).Should().Be(1);

        _receiver.Recover();
        var before = _receiver.Received.Count;
        _portal.Time.Advance(TimeSpan.FromMinutes(10));
        (await _portal.DeliverWebhooksAsync()).Attempts.Should().Be(0, "a disabled endpoint gets nothing");
        _receiver.Received.Should().HaveCount(before);
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_costs_one_timeout_per_pass_not_one_per_event()
    {
        await _portal.RegisterAsync(_receiver);
        using var lee = await ConnectAsync(DemoPeople.DrLee);
        using var patel = await ConnectAsync(DemoPeople.DrPatel);
        _receiver.HangNext(TimeSpan.FromSeconds(3));

        (await _portal.DeliverWebhooksAsync()).Should().BeEquivalentTo(new { Delivered = 0, Retrying = 1 }, "Patel's event waits for the next pass");
        (await _portal.DeliverWebhooksAsync()).Delivered.Should().Be(1, "the other person's event goes out on the next pass");
        _portal.Time.Advance(TimeSpan.FromSeconds(5));
        (await _portal.DeliverWebhooksAsync()).Delivered.Should().Be(1);
        (await _portal.DeliveriesAsync()).Should().OnlyContain(d => d.Status == DeliveryStatus.Delivered);
    }
}
