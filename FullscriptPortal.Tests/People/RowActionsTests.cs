using System.Globalization;
using System.Security.Claims;
using FullscriptPortal.Auth;
using FullscriptPortal.Connections;
using FullscriptPortal.People;
using FullscriptPortal.Tests.Infrastructure;
using static FullscriptPortal.People.RowAction;

namespace FullscriptPortal.Tests.People;

/// <summary>Every cell of roles × row states × ownership: a row offers what the policy allows the viewer and the row's
/// state makes sensible, and nothing else.</summary>
public sealed class RowActionsTests
{
    public enum Ownership { Own, SameClinic, OtherClinic }

    private const int Northside = 1;
    private const int Lakeview = 2;
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    // What a row in each state offers to a viewer the policy allows everything. "None" is a person who never connected;
    // "ActiveButExpired" an Active connection whose access token ran out, which is shown as Expired.
    private static readonly Dictionary<string, RowAction[]> OfferedInState = new()
    {
        ["None"] = [Invite, ConnectOnBehalf],
        ["NotConnected"] = [Invite, ConnectOnBehalf],
        ["Active"] = [Refresh, Disconnect, Revoke],
        ["Expired"] = [Refresh, Disconnect, Revoke],
        ["ActiveButExpired"] = [Refresh, Disconnect, Revoke],
        ["RefreshFailing"] = [Refresh, Disconnect, Revoke],
        ["NeedsReconnect"] = [ConnectOnBehalf, Disconnect, Revoke],
        ["Revoked"] = [Invite, ConnectOnBehalf],
        ["DisconnectPending"] = [Disconnect, Revoke],
    };

    // What each role may do to whose row, as "Role Ownership"; every other pair may do nothing.
    private static readonly Dictionary<string, RowAction[]> AllowedToRole = new()
    {
        ["Practitioner Own"] = [ConnectOnBehalf, Refresh, Disconnect],
        ["Staff Own"] = [ConnectOnBehalf, Refresh, Disconnect],
        ["ClinicManager SameClinic"] = [Invite, ConnectOnBehalf, Refresh, Disconnect],
        ["Support Own"] = [Refresh, Revoke],
        ["Support SameClinic"] = [Refresh, Revoke],
        ["Support OtherClinic"] = [Refresh, Revoke],
    };

    public static TheoryData<string, string, Ownership> Cells()
    {
        var cells = new TheoryData<string, string, Ownership>();
        foreach (var role in PortalRoles.All)
            foreach (var rowState in OfferedInState.Keys)
                foreach (var ownership in Enum.GetValues<Ownership>())
                    cells.Add(role, rowState, ownership);
        return cells;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Each_role_row_state_and_ownership_offers_its_actions(string role, string rowState, Ownership ownership)
    {
        var clinic = role == PortalRoles.Support ? (int?)null : Northside;
        var (userId, rowClinic) = ownership switch
        {
            Ownership.Own => ("viewer", clinic),
            Ownership.SameClinic => ("colleague", Northside),
            _ => ("stranger", (int?)Lakeview),
        };
        var row = new PersonRow(userId, userId, $"{userId}@example.test", PortalRoles.Staff, rowClinic, null, null, ConnectionIn(rowState));

        var offered = RowActions.For(Viewer(role, clinic), row, Now);

        var allowed = AllowedToRole.GetValueOrDefault($"{role} {ownership}", []);
        offered.Should().Equal(OfferedInState[rowState].Where(allowed.Contains));
    }

    [Fact]
    public void Every_state_of_a_connection_is_in_the_matrix()
    {
        OfferedInState.Keys.Should().Contain(Enum.GetNames<ConnectionState>());
    }

    [Theory]
    [InlineData("pending", new[] { ResendInvite, CancelInvite, ConnectOnBehalf })]
    [InlineData("expired", new[] { ResendInvite, CancelInvite, ConnectOnBehalf })]
    [InlineData("cancelled", new[] { Invite, ConnectOnBehalf })]
    [InlineData("used", new[] { Invite, ConnectOnBehalf })]
    public void A_person_with_an_open_invite_is_offered_resend_and_cancel_instead_of_a_second_invite(string invite, RowAction[] offered)
    {
        var view = new InviteView(Guid.NewGuid(), Now.AddDays(-8), invite == "expired" ? Now.AddDays(-1) : Now.AddDays(6),
            invite == "used" ? Now : null, invite == "cancelled" ? Now : null);
        var row = new PersonRow("colleague", "Sam", "sam@example.test", PortalRoles.Staff, Northside, null, null, null, view);

        RowActions.For(Viewer(PortalRoles.ClinicManager, Northside), row, Now).Should().Equal(offered);
        RowActions.For(Viewer(PortalRoles.Support, null), row, Now).Should().BeEmpty("support sees the invite but does not manage it");
        RowActions.For(Viewer(PortalRoles.ClinicManager, Lakeview), row, Now).Should().BeEmpty("another clinic's manager may not touch it");
    }

    private static ConnectionView? ConnectionIn(string rowState) => rowState switch
    {
        "None" => null,
        "ActiveButExpired" => ConnectionViews.With(ConnectionState.Active, Now.AddMinutes(-1)),
        "DisconnectPending" => ConnectionViews.With(ConnectionState.Active, Now.AddHours(1)) with { DisconnectPending = true },
        _ => ConnectionViews.With(Enum.Parse<ConnectionState>(rowState), Now.AddHours(1)),
    };

    private static ClaimsPrincipal Viewer(string role, int? clinic) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, "viewer"),
        new Claim(ClaimTypes.Role, role),
        .. clinic is null ? Array.Empty<Claim>() : [new Claim(PortalClaims.ClinicId, clinic.Value.ToString(CultureInfo.InvariantCulture))],
    ], "test"));
}
