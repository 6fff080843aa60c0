using Bunit;
using FullscriptPortal.Components.Layout;
using FullscriptPortal.Components.Shared;
using FullscriptPortal.Connections;
using FullscriptPortal.Home;
using FullscriptPortal.Tests.Infrastructure;

namespace FullscriptPortal.Tests.Home;

public sealed class ConnectionCardTests : PortalTestContext
{
    [Fact]
    public void Without_a_connection_it_says_not_connected_and_offers_connect()
    {
        var card = Render<ConnectionCard>();

        card.Find("[data-testid=state-chip]").TextContent.Should().Contain("Not connected");
        card.Find("[data-testid=connect-button]").TextContent.Should().Contain("Connect my Fullscript account");
        card.FindAll("[data-testid=countdown]").Should().BeEmpty();
    }

    [Theory]
    [InlineData(ConnectionState.Active, "Active", false)]
    [InlineData(ConnectionState.RefreshFailing, "Retrying", false)]
    [InlineData(ConnectionState.NeedsReconnect, "Needs reconnecting", true)]
    [InlineData(ConnectionState.Revoked, "Disconnected", true)]
    public void Each_state_has_its_label_sentence_and_actions(ConnectionState state, string label, bool offersReconnect)
    {
        var card = Render<ConnectionCard>(p => p.Add(c => c.Connection, ConnectionViews.With(state, Time.GetUtcNow().AddHours(1))));

        card.Find("[data-testid=state-chip]").TextContent.Should().Contain(label);
        card.Find("[data-testid=state-sentence]").TextContent.Should().NotBeNullOrWhiteSpace();
        card.FindAll("[data-testid=connect-button]").Should().HaveCount(offersReconnect ? 1 : 0);
        if (offersReconnect) card.Find("[data-testid=connect-button]").TextContent.Should().Contain("Reconnect");
    }

    [Fact]
    public void A_card_that_needs_reconnecting_says_why_once()
    {
        var card = Render<ConnectionCard>(p => p.Add(c => c.Connection,
            ConnectionViews.With(ConnectionState.NeedsReconnect, Time.GetUtcNow().AddHours(1), StateReasons.GaveUp(TimeSpan.FromHours(24), "server_error"))));

        card.Find("[data-testid=state-sentence]").TextContent.Should().Be(StateReasons.GaveUp(TimeSpan.FromHours(24), "server_error"));
        Occurrences(card.Markup, "Reconnect to continue").Should().Be(1);
        Occurrences(card.Markup, "no longer accepts").Should().Be(0, "the generic sentence gives way to the stored reason");
    }

    [Theory]
    [InlineData(ConnectionState.NeedsReconnect, StateReasons.GrantRejected)]
    [InlineData(ConnectionState.NeedsReconnect, StateReasons.AccessTokenRejected)]
    public void A_connection_revoked_inside_fullscript_says_so_once(ConnectionState state, string reason)
    {
        var card = Render<ConnectionCard>(p => p.Add(c => c.Connection, ConnectionViews.With(state, Time.GetUtcNow().AddHours(1), reason)));

        card.Find("[data-testid=state-chip]").TextContent.Should().Contain("Revoked in Fullscript");
        Occurrences(card.Markup, "Reconnect to continue").Should().Be(1);
    }

    public static TheoryData<string, string, string> EndsOfAConnection => new()
    {
        { StateReasons.DisconnectedBy("Dr. Jordan Lee"), "Disconnected", "Disconnected by Dr. Jordan Lee." },
        { StateReasons.DisconnectedByManager("Morgan Manager"), "Disconnected", "Disconnected by clinic manager Morgan Manager." },
        { "The person was deactivated.", "Disconnected", "Disconnected: The person was deactivated." },
        { StateReasons.RevokedBySupport("Sky Support", "Left the practice"), "Revoked by support", "Support revoked this connection: Left the practice." },
    };

    [Theory]
    [MemberData(nameof(EndsOfAConnection))]
    public void A_disconnect_and_a_support_revocation_are_told_apart_in_words(string reason, string label, string sentence)
    {
        var card = Render<ConnectionCard>(p => p.Add(c => c.Connection, ConnectionViews.With(ConnectionState.Revoked, Time.GetUtcNow().AddHours(1), reason)));

        card.Find("[data-testid=state-chip]").TextContent.Trim().Should().Be(label);
        card.Find("[data-testid=state-sentence]").TextContent.Should().StartWith(sentence).And.Contain("Reconnect");
        card.Find("[data-testid=connect-button]").TextContent.Should().Contain("Reconnect");
    }

    [Fact]
    public void Disconnected_revoked_by_support_and_revoked_in_fullscript_differ_in_colour_icon_and_words_on_the_card_and_in_the_grid()
    {
        var now = Time.GetUtcNow();
        ConnectionView[] ends =
        [
            ConnectionViews.With(ConnectionState.Revoked, now.AddHours(1), StateReasons.DisconnectedBy("Dr. Jordan Lee")),
            ConnectionViews.With(ConnectionState.Revoked, now.AddHours(1), StateReasons.RevokedBySupport("Sky Support", "Left the practice")),
            ConnectionViews.With(ConnectionState.NeedsReconnect, now.AddHours(1), StateReasons.GrantRejected),
        ];

        var displays = ends.Select(e => ConnectionStateDisplay.For(e, now)).ToList();
        displays.Select(d => d.Label).Should().Equal("Disconnected", "Revoked by support", "Revoked in Fullscript");
        displays.Select(d => d.Color).Should().OnlyHaveUniqueItems();
        displays.Select(d => d.Icon).Should().OnlyHaveUniqueItems();
        displays[0].Color.Should().Be(MudBlazor.Color.Default, "a deliberate disconnect is neutral, not an alarm");

        foreach (var (end, display) in ends.Zip(displays))
        {
            var chip = Render<StateChip>(p => p.Add(c => c.Connection, end)).Find("[data-testid=row-state]");
            chip.TextContent.Trim().Should().Be(display.Label);
            chip.ClassList.Should().Contain($"mud-chip-color-{display.Color.ToString().ToLowerInvariant()}");
            var card = Render<ConnectionCard>(p => p.Add(c => c.Connection, end)).Find("[data-testid=state-chip]");
            card.TextContent.Trim().Should().Be(display.Label);
            card.ClassList.Should().Contain($"mud-chip-color-{display.Color.ToString().ToLowerInvariant()}");
        }
    }

    [Fact]
    public void Revoked_by_support_reads_as_a_deliberate_stop_not_a_good_state_and_its_chip_text_passes_AA_in_both_themes()
    {
        var revoked = ConnectionViews.With(ConnectionState.Revoked, Time.GetUtcNow().AddHours(1), StateReasons.RevokedBySupport("Sky Support", "Left the practice"));

        var display = ConnectionStateDisplay.For(revoked, Time.GetUtcNow());
        display.Color.Should().Be(MudBlazor.Color.Dark);
        display.Icon.Should().Be(MudBlazor.Icons.Material.Filled.Gavel);
        var chip = Render<StateChip>(p => p.Add(c => c.Connection, revoked)).Find("[data-testid=row-state]");
        chip.ClassList.Should().Contain("mud-chip-color-dark");

        var light = PortalTheme.Theme.PaletteLight;
        var dark = PortalTheme.Theme.PaletteDark;
        Contrast(light.Dark, light.DarkContrastText).Should().BeGreaterThanOrEqualTo(4.5);
        Contrast(dark.Dark, dark.DarkContrastText).Should().BeGreaterThanOrEqualTo(4.5);
        // Not the brand's greens, which read as "connected, all fine".
        foreach (var (palette, stop) in new (MudBlazor.Palette, MudBlazor.Utilities.MudColor)[] { (light, light.Dark), (dark, dark.Dark) })
        {
            stop.Value.Should().NotBe(palette.Primary.Value).And.NotBe(palette.Success.Value).And.NotBe(palette.Secondary.Value);
            (stop.G > stop.R && stop.G > stop.B).Should().BeFalse("a green tint would read as a positive state");
        }
    }

    private static double Contrast(MudBlazor.Utilities.MudColor a, MudBlazor.Utilities.MudColor b)
    {
        static double Channel(byte c) => c / 255.0 is var v && v <= 0.03928 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
        static double Luminance(MudBlazor.Utilities.MudColor c) => 0.2126 * Channel(c.R) + 0.7152 * Channel(c.G) + 0.0722 * Channel(c.B);
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    [Fact]
    public void While_the_connection_is_being_finished_the_card_says_so_and_offers_nothing_to_press()
    {
        var card = Render<ConnectionCard>(p => p.Add(c => c.Finishing, true));

        card.Find("[data-testid=connection-card]").GetAttribute("data-state").Should().Be("Finishing");
        card.Find("[data-testid=state-chip]").TextContent.Should().Contain("Finishing").And.NotContain("Not connected");
        card.Markup.Should().NotContain("Not connected").And.Contain("mud-progress-circular");
        card.Find("[data-testid=connect-button]").HasAttribute("disabled").Should().BeTrue();
    }

    private static int Occurrences(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    [Theory]
    [InlineData(ConnectionState.Active, true, true)]
    [InlineData(ConnectionState.RefreshFailing, true, true)]
    [InlineData(ConnectionState.NeedsReconnect, false, true)]
    [InlineData(ConnectionState.Revoked, false, false)]
    public void Refresh_and_disconnect_are_offered_while_a_grant_is_held(ConnectionState state, bool refresh, bool disconnect)
    {
        var card = Render<ConnectionCard>(p => p.Add(c => c.Connection, ConnectionViews.With(state, Time.GetUtcNow().AddHours(1))));

        card.FindAll("[data-testid=refresh-button]").Should().HaveCount(refresh ? 1 : 0);
        card.FindAll("[data-testid=disconnect-button]").Should().HaveCount(disconnect ? 1 : 0);
    }

    [Fact]
    public void A_viewer_who_may_not_manage_the_connection_gets_no_actions()
    {
        var card = Render<ConnectionCard>(p => p
            .Add(c => c.Connection, ConnectionViews.With(ConnectionState.NeedsReconnect, Time.GetUtcNow().AddHours(1)))
            .Add(c => c.CanManage, false));

        card.FindAll("button").Should().BeEmpty();
        card.Find("[data-testid=state-chip]").TextContent.Should().Contain("Needs reconnecting");
    }

    [Fact]
    public void An_unconfirmed_disconnect_shows_as_pending_and_offers_a_retry()
    {
        var card = Render<ConnectionCard>(p => p.Add(c => c.Connection,
            ConnectionViews.With(ConnectionState.Active, Time.GetUtcNow().AddHours(1)) with { DisconnectPending = true }));

        card.Find("[data-testid=state-chip]").TextContent.Should().Contain("Disconnect pending");
        card.Find("[data-testid=state-sentence]").TextContent.Should().Contain("has not confirmed the disconnect");
        card.Find("[data-testid=disconnect-button]").TextContent.Should().Contain("Retry disconnect");
        card.FindAll("[data-testid=refresh-button]").Should().BeEmpty();
        card.FindAll("[data-testid=countdown]").Should().BeEmpty();
    }

    [Fact]
    public void A_connection_to_another_clinic_is_flagged()
    {
        var card = Render<ConnectionCard>(p => p.Add(c => c.Connection,
            ConnectionViews.With(ConnectionState.Active, Time.GetUtcNow().AddHours(1)) with { ClinicMismatch = true }));

        card.Find("[data-testid=clinic-mismatch]").TextContent.Should().Contain("not to your clinic");
    }

    [Fact]
    public void An_active_connection_shows_server_clinic_scopes_and_time_left()
    {
        var card = Render<ConnectionCard>(p => p.Add(c => c.Connection, ConnectionViews.With(ConnectionState.Active, Time.GetUtcNow().AddMinutes(90))));

        card.Find("[data-testid=countdown]").TextContent.Should().Be("1:30:00");
        card.Find("[data-testid=server-badge]").TextContent.Should().Contain("Simulator");
        card.Markup.Should().Contain("Northside Integrative Health").And.Contain("catalog:read").And.Contain("patients:read");
    }

    [Fact]
    public void An_active_connection_whose_token_ran_out_shows_as_expired()
    {
        var card = Render<ConnectionCard>(p => p.Add(c => c.Connection, ConnectionViews.With(ConnectionState.Active, Time.GetUtcNow().AddSeconds(-1))));

        card.Find("[data-testid=state-chip]").TextContent.Should().Contain("Expired");
        card.Find("[data-testid=countdown]").TextContent.Should().Be("Expired");
        card.FindAll("[data-testid=connect-button]").Should().BeEmpty("a refresh token is still held");
    }

    [Fact]
    public void Connect_is_a_plain_link_to_the_connect_endpoint_so_it_works_before_the_circuit_is_up() =>
        Render<ConnectionCard>().Find("a[data-testid=connect-button]").GetAttribute("href").Should().Be("/connect/fullscript");

    [Fact]
    public void Pressing_refresh_or_disconnect_asks_the_page_to_act()
    {
        var (refreshed, disconnected) = (0, 0);
        var card = Render<ConnectionCard>(p => p
            .Add(c => c.Connection, ConnectionViews.With(ConnectionState.Active, Time.GetUtcNow().AddHours(1)))
            .Add(c => c.OnRefresh, () => refreshed++)
            .Add(c => c.OnDisconnect, () => disconnected++));

        card.Find("[data-testid=refresh-button]").Click();
        card.Find("[data-testid=disconnect-button]").Click();

        (refreshed, disconnected).Should().Be((1, 1));
    }

    [Fact]
    public void The_connect_button_is_disabled_while_busy()
    {
        var card = Render<ConnectionCard>(p => p.Add(c => c.Busy, true));

        card.Find("[data-testid=connect-button]").HasAttribute("disabled").Should().BeTrue("a disabled MudButton renders a disabled button, not a link");
    }
}
