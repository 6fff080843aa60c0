using FullscriptPortal.Components.Shared;
using FullscriptPortal.Connect;
using FullscriptPortal.Tokens;

namespace FullscriptPortal.Tests.Components;

/// <summary>Services return codes; every code has its own sentence, and the data it needs shows in it.</summary>
public sealed class OutcomeTextTests
{
    [Fact]
    public void Every_refresh_code_has_its_own_sentence() =>
        Enum.GetValues<RefreshCode>().Select(c => OutcomeText.For(new RefreshOutcome(RefreshResult.WillRetry, c)))
            .Should().OnlyHaveUniqueItems().And.NotContain(string.Empty);

    [Fact]
    public void Every_exchange_code_has_its_own_sentence() =>
        Enum.GetValues<ExchangeCode>().Select(c => OutcomeText.For(new ExchangeOutcome(c)))
            .Should().OnlyHaveUniqueItems().And.NotContain(string.Empty);

    [Fact]
    public void Every_disconnect_code_has_its_own_sentence() =>
        Enum.GetValues<DisconnectCode>().Select(c => OutcomeText.For(new DisconnectOutcome(DisconnectResult.Refused, c)))
            .Should().OnlyHaveUniqueItems().And.NotContain(string.Empty);

    [Fact]
    public void The_data_of_an_outcome_shows_in_its_sentence()
    {
        OutcomeText.For(new ExchangeOutcome(ExchangeCode.Connected)).Should().Be("Your Fullscript account is connected.");
        OutcomeText.For(new ExchangeOutcome(ExchangeCode.Connected, ClinicName: "Lakeview")).Should().Be("Your Fullscript account at Lakeview is connected.");
        OutcomeText.For(new ExchangeOutcome(ExchangeCode.OwnerTaken, ResourceOwnerType: "Staff")).Should().StartWith("That Fullscript account (Staff) is already connected");
        OutcomeText.For(new ExchangeOutcome(ExchangeCode.MissingScope, MissingScope: "orders:write")).Should().StartWith(
            "Fullscript connected the account but did not grant the scope orders:write, which the portal needs.");
        OutcomeText.For(new RefreshOutcome(RefreshResult.WillRetry, RefreshCode.WaitRequested, NextAttemptAt: new DateTimeOffset(2026, 11, 1, 9, 5, 30, TimeSpan.Zero)))
            .Should().Be("Fullscript asked the portal to wait; the next try is at 09:05:30 UTC.");
        OutcomeText.For(RefreshOutcome.NeedsReconnect("missing scope orders:write")).Should().Be("missing scope orders:write");
        OutcomeText.For(RefreshOutcome.NeedsReconnect(null)).Should().Be("Fullscript no longer accepts this connection; reconnect it.");
        OutcomeText.For(new DisconnectOutcome(DisconnectResult.Refused, DisconnectCode.ReasonRequired))
            .Should().Be("Give a reason of 3 to 500 characters; it is stored with the revocation.");
    }

    [Fact]
    public void A_connect_made_on_someones_behalf_names_that_person()
    {
        OutcomeText.For(new ExchangeOutcome(ExchangeCode.Connected, ClinicName: "Northside", OnBehalfOf: "Sam Front"))
            .Should().Be("Sam Front's Fullscript account at Northside is connected.");
        OutcomeText.For(new ExchangeOutcome(ExchangeCode.OwnerTaken, ResourceOwnerType: "Staff", OnBehalfOf: "Sam Front"))
            .Should().Contain("with Sam Front signed in to Fullscript").And.NotContain("your own account");
    }
}
