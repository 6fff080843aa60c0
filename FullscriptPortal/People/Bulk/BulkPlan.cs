using System.Security.Claims;
using FullscriptPortal.Connections;

namespace FullscriptPortal.People;

/// <summary>Which selected rows a bulk action runs on and which it skips, with why: a row gets the action only when its
/// own menu would offer it (<see cref="RowActions"/>, so <see cref="ConnectionPolicy"/> and the row's state decide).</summary>
/// <param name="ToRun">The rows the action applies to, in the order given.</param>
/// <param name="Skipped">The others, each with its reason.</param>
public sealed record BulkPlan(IReadOnlyList<PersonRow> ToRun, IReadOnlyList<BulkItemOutcome> Skipped)
{
    public static BulkPlan For(ClaimsPrincipal viewer, IEnumerable<PersonRow> rows, BulkAction action, DateTimeOffset now)
    {
        List<PersonRow> toRun = [];
        List<BulkItemOutcome> skipped = [];
        foreach (var row in rows)
        {
            if (SkipReason(viewer, row, action, now) is { } why) skipped.Add(new(row.UserId, row.DisplayName, BulkResult.Skipped, why));
            else toRun.Add(row);
        }
        return new(toRun, skipped);
    }

    /// <summary>Null when the action applies to <paramref name="row"/>; otherwise why not, in a few words. Asked again just
    /// before each item runs, so a row that changed meanwhile is skipped, not failed.</summary>
    public static string? SkipReason(ClaimsPrincipal viewer, PersonRow row, BulkAction action, DateTimeOffset now)
    {
        if (RowActions.For(viewer, row, now).Contains(action.AsRowAction())) return null;
        if (!ConnectionPolicy.Allows(viewer, action.AsConnectionAction(), new ConnectionSubject(row.UserId, row.ClinicId))) return BulkReasons.NotAllowed;
        var state = row.StateAt(now);
        return action switch
        {
            // Invitable yet not offered an invite: one is open already (resend or cancel it from the row).
            BulkAction.Invite when state is ConnectionState.NotConnected or ConnectionState.Revoked => BulkReasons.AlreadyInvited,
            BulkAction.Invite => BulkReasons.AlreadyConnected,
            BulkAction.Refresh when row.Connection?.DisconnectPending == true => BulkReasons.BeingDisconnected,
            BulkAction.Refresh when state == ConnectionState.NeedsReconnect => BulkReasons.NeedsReconnecting,
            _ when row.Connection is not null && state == ConnectionState.Revoked => BulkReasons.AlreadyDisconnected,
            _ => BulkReasons.NotConnected,
        };
    }
}
