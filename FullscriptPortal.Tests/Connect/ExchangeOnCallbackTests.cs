using FullscriptPortal.Audit;
using FullscriptPortal.Connections;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Tests.Connect;

/// <summary>The callback starts the code exchange itself, so Fullscript answers while the browser loads the dashboard;
/// the circuit shows the outcome. A portal of its own: the shared ones leave the exchange to the circuit.</summary>
public sealed class ExchangeOnCallbackTests : IAsyncLifetime, IDisposable
{
    private readonly PortalFactory _portal = new() { Settings = { ["Tokens:ExchangeOnCallback"] = "true" } };

    [Fact]
    public async Task The_callback_exchanges_the_code_before_any_circuit_asks_and_the_circuit_shows_that_outcome()
    {
        using var lee = _portal.NewSession();
        await lee.SignInAsync(DemoPeople.DrLee);
        var callback = await lee.DecideOnConsentAsync(await lee.StartConnectAsync(), DemoPeople.FullscriptIdOf(DemoPeople.DrLee));

        (await lee.FollowCallbackAsync(callback)).PathAndQuery.Should().Be("/?connect=codereceived");

        (await _portal.ConnectionOfAsync(lee.UserId!))!.State.Should().Be(ConnectionState.Active, "the callback waits a little for Fullscript's answer");
        (await lee.Http.GetStringAsync("/?connect=codereceived")).Should().Contain("data-state=\"Active\"",
            "so the dashboard's first HTML already shows the connection, before its circuit is up").And.NotContain("data-testid=\"finishing\"");
        var outcome = await lee.FinishInCircuitAsync();
        outcome!.Succeeded.Should().BeTrue("the circuit shows the outcome of the exchange the callback made");
        (await lee.FinishInCircuitAsync()).Should().BeNull("the outcome is shown once, and the code was spent once");
        _portal.FullscriptCalls.Count("/oauth/token").Should().Be(1);
        (await _portal.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.CodeExchanged))).Should().Be(1);
    }

    [Fact]
    public async Task A_slow_Fullscript_does_not_hold_the_browser_past_the_callbacks_wait_and_the_circuit_shows_the_outcome()
    {
        using var portal = new PortalFactory { Settings = { ["Tokens:ExchangeOnCallback"] = "true", ["Tokens:CallbackWait"] = "00:00:00.2" } };
        await portal.ResetAsync();
        using var lee = portal.NewSession();
        await lee.SignInAsync(DemoPeople.DrLee);
        var callback = await lee.DecideOnConsentAsync(await lee.StartConnectAsync(), DemoPeople.FullscriptIdOf(DemoPeople.DrLee));
        portal.Faults().Latency = TimeSpan.FromSeconds(1);

        (await lee.FollowCallbackAsync(callback)).PathAndQuery.Should().Be("/?connect=codereceived");
        portal.Faults().Clear();

        (await portal.ConnectionOfAsync(lee.UserId!)).Should().BeNull("the browser went on while Fullscript was still answering");
        (await lee.Http.GetStringAsync("/?connect=codereceived")).Should().Contain("data-testid=\"finishing\"");
        (await lee.FinishInCircuitAsync())!.Succeeded.Should().BeTrue("the circuit waits for the exchange the callback started");
        portal.FullscriptCalls.Count("/oauth/token").Should().Be(1);
    }

    [Fact]
    public async Task When_the_callbacks_exchange_could_not_finish_and_no_dashboard_came_the_worker_still_does()
    {
        using var lee = _portal.NewSession();
        await lee.SignInAsync(DemoPeople.DrLee);
        var callback = await lee.DecideOnConsentAsync(await lee.StartConnectAsync(), DemoPeople.FullscriptIdOf(DemoPeople.DrLee));
        _portal.Faults().FailNextTokenCalls(1000, 503);

        await lee.FollowCallbackAsync(callback);

        // Fullscript did not answer: the claim is given back, and the browser never opens the dashboard.
        await WaitUntilAsync(() => _portal.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.CodeExchanged && e.Outcome == "transient-failure")));
        _portal.Faults().Clear();
        _portal.Time.Advance(TimeSpan.FromSeconds(31));
        (await _portal.SweepAsync()).Exchanges.Should().Be(1);
        (await _portal.ConnectionOfAsync(lee.UserId!))!.State.Should().Be(ConnectionState.Active);
    }

    // Polls what the background exchange leaves behind; the timeout only ends a broken run.
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the exchange the callback started should have come to something");
            await Task.Delay(20);
        }
    }

    public Task InitializeAsync() => _portal.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _portal.Dispose();
}
