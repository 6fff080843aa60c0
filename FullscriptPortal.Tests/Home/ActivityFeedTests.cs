using FullscriptPortal.Audit;
using FullscriptPortal.Connections;
using FullscriptPortal.Home;

namespace FullscriptPortal.Tests.Home;

/// <summary>The activity feed's folding and its names for who acted.</summary>
public sealed class ActivityFeedTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private const string Me = "me";

    private static readonly Dictionary<string, ActorInfo> Actors = new()
    {
        ["support-1"] = new("Sky Support", IsSupport: true, IsClinicManager: false),
        ["manager-1"] = new("Morgan Manager", IsSupport: false, IsClinicManager: true),
        ["colleague-1"] = new("Riley Desk", IsSupport: false, IsClinicManager: false),
    };

    private static AuditEntry Entry(string action, string outcome, string actor, TimeSpan ago) =>
        new() { Action = action, Outcome = outcome, ActorUserId = actor, At = Now - ago };

    [Theory]
    [InlineData(Me, "you")]
    [InlineData(AuditActions.System, "the portal automatically")]
    [InlineData("support-1", "support")]
    [InlineData("manager-1", "your manager Morgan Manager")]
    [InlineData("colleague-1", "Riley Desk")]
    [InlineData("api:ehr-backend", "your practice's software")]
    [InlineData("gone-user", "someone else")]
    public void Each_actor_is_named_as_the_reader_would_say_it(string actor, string who) =>
        ActivityFeed.Who(actor, Me, Actors).Should().Be(who);

    [Fact]
    public void Only_renewals_that_follow_one_another_fold_and_old_runs_say_how_long_they_lasted()
    {
        AuditEntry[] newestFirst =
        [
            Entry(AuditActions.Refreshed, "refreshed", AuditActions.System, TimeSpan.FromMinutes(5)),
            Entry(AuditActions.Refreshed, "refreshed", AuditActions.System, TimeSpan.FromMinutes(50)),
            Entry(AuditActions.Refreshed, "transient-failure", AuditActions.System, TimeSpan.FromHours(2)),
            Entry(AuditActions.Refreshed, "refreshed", AuditActions.System, TimeSpan.FromHours(3)),
            Entry(AuditActions.Refreshed, "refreshed", AuditActions.System, TimeSpan.FromHours(6)),
            Entry(AuditActions.Refreshed, "refreshed", AuditActions.System, TimeSpan.FromHours(9)),
            Entry(AuditActions.Refreshed, "refreshed", Me, TimeSpan.FromHours(10)),
        ];

        var lines = ActivityFeed.Fold(newestFirst, Me, Actors, Now, take: 10);

        lines.Select(l => (l.Text, l.Who)).Should().Equal(
            ("Access renewed 2 times in the last hour", "the portal automatically"),
            ("Renewing access failed; retrying", "the portal automatically"),
            ("Access renewed 3 times over 6 hours", "the portal automatically"),
            ("Access renewed", "you"));
        lines[1].IsProblem.Should().BeTrue();
    }

    [Fact]
    public void A_long_run_of_renewals_does_not_crowd_out_the_lines_before_it()
    {
        var renewals = Enumerable.Range(1, 40).Select(i => Entry(AuditActions.Refreshed, "refreshed", AuditActions.System, TimeSpan.FromMinutes(i)));
        var lines = ActivityFeed.Fold([.. renewals, Entry(AuditActions.CodeExchanged, "connected", Me, TimeSpan.FromHours(1))], Me, Actors, Now, take: 10);

        lines.Select(l => l.Text).Should().Equal("Access renewed 40 times in the last hour", "Connected");
    }

    public static TheoryData<AuditEntry, ActivityTone> Tones => new()
    {
        { Entry(AuditActions.CodeExchanged, "connected", Me, TimeSpan.FromMinutes(1)), ActivityTone.Fine },
        { Entry(AuditActions.Refreshed, "refreshed", AuditActions.System, TimeSpan.FromMinutes(1)), ActivityTone.Fine },
        { Entry(AuditActions.Disconnect, "revoked", Me, TimeSpan.FromMinutes(1)), ActivityTone.Neutral },
        { Entry(AuditActions.Disconnect, "revoked", "manager-1", TimeSpan.FromMinutes(1)), ActivityTone.Neutral },
        { Entry(AuditActions.Disconnect, "replaced-grant-revoked", AuditActions.System, TimeSpan.FromMinutes(1)), ActivityTone.Neutral },
        { Entry(AuditActions.Disconnect, "revoked", "support-1", TimeSpan.FromMinutes(1)), ActivityTone.Warning },
        { new AuditEntry { Action = AuditActions.Disconnect, Outcome = "revoked", ActorUserId = "gone-user", At = Now,
            Detail = $"Active → Revoked; {StateReasons.RevokedBySupport("Sky Support", "Left the practice")}" }, ActivityTone.Warning },
        { Entry(AuditActions.Disconnect, "pending", Me, TimeSpan.FromMinutes(1)), ActivityTone.Warning },
        { Entry(AuditActions.Refreshed, "rejected", AuditActions.System, TimeSpan.FromMinutes(1)), ActivityTone.Warning },
        { Entry(AuditActions.Refreshed, "transient-failure", AuditActions.System, TimeSpan.FromMinutes(1)), ActivityTone.Warning },
    };

    [Theory]
    [MemberData(nameof(Tones))]
    public void A_disconnect_is_neutral_and_a_revocation_or_failure_is_a_warning_never_a_success(AuditEntry entry, ActivityTone tone)
    {
        ActivityFeed.ToneOf(entry, Actors).Should().Be(tone);
        ActivityFeed.Fold([entry], Me, Actors, Now, take: 10).Single().Tone.Should().Be(tone);
    }
}
