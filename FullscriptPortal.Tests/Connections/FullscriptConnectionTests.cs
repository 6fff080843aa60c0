using FullscriptPortal.Connections;

namespace FullscriptPortal.Tests.Connections;

/// <summary>Each state change of a connection, written once on the entity.</summary>
public sealed class FullscriptConnectionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly ProtectedTokenPair Pair = new("access-cipher", "refresh-cipher", Now, 7200, Now.AddHours(2), "catalog:read");

    private static FullscriptConnection Failing() => new()
    {
        Id = Guid.NewGuid(),
        ServerKey = "simulator",
        ResourceOwnerId = "owner-1",
        ResourceOwnerType = "Practitioner",
        State = ConnectionState.RefreshFailing,
        AccessTokenProtected = "old-access",
        RefreshTokenProtected = "old-refresh",
        ConsecutiveFailures = 3,
        FirstFailureAt = Now.AddHours(-1),
        NextRefreshAttemptAt = Now.AddMinutes(5),
    };

    [Fact]
    public void A_new_grant_replaces_server_owner_clinic_and_any_revocation()
    {
        var connection = Failing();
        connection.RecordClinic("fs-clinic", "Northside", null, Now.AddDays(-1));
        connection.RequestDisconnect("support", "left the clinic", Now.AddDays(-1));
        connection.MarkRevoked(Now.AddDays(-1));

        connection.ApplyNewGrant("us", Pair, "owner-2", "Staff", missingScope: null, Now);

        connection.Should().BeEquivalentTo(new
        {
            ServerKey = "us",
            State = ConnectionState.Active,
            StateReason = (string?)null,
            AccessTokenProtected = "access-cipher",
            RefreshTokenProtected = "refresh-cipher",
            AccessTokenExpiresAt = Now.AddHours(2),
            Scope = "catalog:read",
            ResourceOwnerId = "owner-2",
            ResourceOwnerType = "Staff",
            FullscriptClinicId = (string?)null,
            FullscriptClinicName = (string?)null,
            ClinicMismatch = false,
            RevokedAt = (DateTimeOffset?)null,
            RevokedBy = (string?)null,
            DisconnectRequestedAt = (DateTimeOffset?)null,
            DisconnectReason = (string?)null,
            ConnectedAt = Now,
            LastRefreshedAt = (DateTimeOffset?)null,
            UpdatedAt = Now,
            ConsecutiveFailures = 0,
            NextRefreshAttemptAt = (DateTimeOffset?)null,
        });
    }

    [Fact]
    public void A_pair_without_a_required_scope_is_stored_but_needs_a_reconnect()
    {
        var connection = Failing();

        connection.ApplyRefreshedPair(Pair, missingScope: "orders:write", Now);

        connection.State.Should().Be(ConnectionState.NeedsReconnect);
        connection.StateReason.Should().Be("missing scope orders:write");
        connection.RefreshTokenProtected.Should().Be("refresh-cipher");
        connection.LastRefreshedAt.Should().Be(Now);
        connection.ConsecutiveFailures.Should().Be(0);
    }

    [Fact]
    public void Ending_a_dead_grant_drops_its_tokens()
    {
        var connection = Failing();

        connection.EndGrant(StateReasons.GrantRejected, Now);

        connection.Should().BeEquivalentTo(new
        {
            State = ConnectionState.NeedsReconnect,
            StateReason = StateReasons.GrantRejected,
            AccessTokenProtected = (string?)null,
            RefreshTokenProtected = (string?)null,
            ConsecutiveFailures = 0,
            NextRefreshAttemptAt = (DateTimeOffset?)null,
            UpdatedAt = Now,
        });
    }

    [Fact]
    public void Requiring_a_reconnect_keeps_tokens_that_may_still_be_live()
    {
        var connection = Failing();

        connection.RequireReconnect(StateReasons.ClientRejected, Now);

        connection.State.Should().Be(ConnectionState.NeedsReconnect);
        connection.RefreshTokenProtected.Should().Be("old-refresh", "a disconnect must still be able to revoke it");
    }

    [Fact]
    public void Failures_are_counted_from_the_first_until_the_give_up_period_has_passed()
    {
        var connection = Failing();
        connection.ClearFailures();

        connection.CountFailure(TimeSpan.FromHours(2), Now).Should().BeFalse();
        connection.CountFailure(TimeSpan.FromHours(2), Now.AddHours(2) - TimeSpan.FromTicks(1)).Should().BeFalse();
        connection.CountFailure(TimeSpan.FromHours(2), Now.AddHours(2)).Should().BeTrue();
        connection.ConsecutiveFailures.Should().Be(3);
        connection.FirstFailureAt.Should().Be(Now);
    }

    [Fact]
    public void Backing_off_marks_the_connection_failing_until_the_next_attempt()
    {
        var connection = Failing();
        connection.State = ConnectionState.Active;

        connection.BackOff(Now.AddMinutes(10), Now);

        (connection.State, connection.StateReason, connection.NextRefreshAttemptAt).Should().Be((ConnectionState.RefreshFailing, (string?)null, Now.AddMinutes(10)));
    }

    [Fact]
    public void The_first_disconnect_request_is_kept_and_revocation_records_who_asked_and_why()
    {
        var connection = Failing();

        connection.RequestDisconnect("manager", "left the clinic", Now).Should().BeTrue();
        connection.RequestDisconnect("support", "another reason", Now.AddMinutes(1)).Should().BeFalse();
        connection.MarkRevoked(Now.AddMinutes(2));

        connection.Should().BeEquivalentTo(new
        {
            State = ConnectionState.Revoked,
            StateReason = "left the clinic",
            RevokedBy = "manager",
            RevokedAt = Now.AddMinutes(2),
            DisconnectRequestedAt = (DateTimeOffset?)null,
            AccessTokenProtected = (string?)null,
            RefreshTokenProtected = (string?)null,
            ConsecutiveFailures = 0,
        });
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("fs-clinic", false)]
    [InlineData("fs-other", true)]
    public void A_clinic_other_than_the_mapped_one_is_flagged(string? mapped, bool mismatch)
    {
        var connection = Failing();

        connection.RecordClinic("fs-clinic", "Northside", mapped, Now);

        (connection.FullscriptClinicId, connection.FullscriptClinicName, connection.ClinicMismatch, connection.UpdatedAt)
            .Should().Be(("fs-clinic", "Northside", mismatch, Now));
    }
}
