using System.Security.Claims;
using FullscriptPortal.Components.Shared;
using FullscriptPortal.Connections;

namespace FullscriptPortal.People;

/// <summary>Which actions a row offers: what <see cref="ConnectionPolicy"/> allows the viewer, narrowed to what makes sense
/// in the row's state (no invite for someone already connected, no refresh while a disconnect is pending).</summary>
public static class RowActions
{
    public static IReadOnlyList<RowAction> For(ClaimsPrincipal viewer, PersonRow row, DateTimeOffset now)
    {
        var subject = new ConnectionSubject(row.UserId, row.ClinicId);
        var state = row.StateAt(now);
        var holdsGrant = !row.InvitableAt(now);
        bool Allows(ConnectionAction action) => ConnectionPolicy.Allows(viewer, action, subject);

        List<RowAction> offered = [];
        if (Allows(ConnectionAction.Invite) && !holdsGrant)
        {
            // One open invite at a time: a person who has one gets a fresh link (resend) or none (cancel), not a second.
            if (row.Invite is { IsOpen: true }) offered.AddRange([RowAction.ResendInvite, RowAction.CancelInvite]);
            else offered.Add(RowAction.Invite);
        }
        if (Allows(ConnectionAction.Connect) && ConnectionStateDisplay.OffersConnect(state)) offered.Add(RowAction.ConnectOnBehalf);
        if (Allows(ConnectionAction.Refresh) && ConnectionStateDisplay.HoldsGrant(state) && row.Connection?.DisconnectPending != true) offered.Add(RowAction.Refresh);
        if (Allows(ConnectionAction.Disconnect) && holdsGrant) offered.Add(RowAction.Disconnect);
        if (Allows(ConnectionAction.Revoke) && holdsGrant) offered.Add(RowAction.Revoke);
        return offered;
    }
}
