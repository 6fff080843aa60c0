using System.Security.Claims;
using FullscriptPortal.Clinics;
using FullscriptPortal.Connections;
using FullscriptPortal.Lifecycle;
using FullscriptPortal.Mail;
using FullscriptPortal.Tokens;

namespace FullscriptPortal.People;

/// <summary>One person's item of a bulk run, through the same services (and so the same checks and audit entries) as the
/// row's own action: the directory's refresh, disconnect and revoke, and the invite service. The row is read again first,
/// so one that changed since it was selected is skipped with its reason.</summary>
public sealed class BulkActions(ConnectionDirectory directory, Invites invites, PortalEmails emails, FullscriptBudget budget, TimeProvider time)
{
    /// <summary>Runs <paramref name="request"/>'s action for <paramref name="row"/> as <paramref name="viewer"/>. Not
    /// cancellable once started: a disconnect that reached Fullscript is seen through.</summary>
    public async Task<BulkItemOutcome> RunOneAsync(ClaimsPrincipal viewer, BulkRequest request, PersonRow row)
    {
        var fresh = await directory.RowAsync(viewer, row.UserId);
        if (fresh is null) return Outcome(row, BulkResult.Skipped, BulkReasons.Gone);
        if (BulkPlan.SkipReason(viewer, fresh, request.Action, time.GetUtcNow()) is { } why) return Outcome(fresh, BulkResult.Skipped, why);
        // Many clicks at once spend Fullscript's rate limit as background work does; past its share, the rest wait for a retry.
        if (request.Action != BulkAction.Invite && budget.AvailableForBackgroundWork == 0) return Outcome(fresh, BulkResult.Failed, BulkReasons.BudgetSpent);

        switch (request.Action)
        {
            case BulkAction.Refresh:
                var refreshed = await directory.RefreshAsync(viewer, fresh.UserId);
                return refreshed.Succeeded ? Outcome(fresh, BulkResult.Done) : Outcome(fresh, BulkReasons.Of(refreshed));
            case BulkAction.Disconnect:
                return Outcome(fresh, await directory.DisconnectAsync(viewer, fresh.UserId));
            case BulkAction.Revoke:
                return Outcome(fresh, await directory.RevokeAsync(viewer, fresh.UserId, request.Reason));
            default:
                return await InviteAsync(viewer, request, fresh);
        }
    }

    // The link the row's "Create invite link" makes; e-mailed when the portal sends mail, otherwise handed back to show.
    private async Task<BulkItemOutcome> InviteAsync(ClaimsPrincipal viewer, BulkRequest request, PersonRow row)
    {
        var link = await invites.CreateAsync(viewer, row.UserId, CancellationToken.None);
        if (link is null) return Outcome(row, BulkResult.Skipped, BulkReasons.NotAllowed);
        if (!emails.IsConfigured || string.IsNullOrEmpty(row.Email) || request.PortalAddress is null)
            return Outcome(row, BulkResult.Done) with { InvitePath = link.Path };
        var url = new Uri(request.PortalAddress, link.Path).AbsoluteUri;
        var mailed = await emails.SendConnectLinkAsync(row.Email, row.DisplayName, url, link.ExpiresAt, CancellationToken.None);
        return mailed == MailOutcome.Sent ? Outcome(row, BulkResult.Done) : Outcome(row, BulkResult.Failed, BulkReasons.MailFailed) with { InvitePath = link.Path };
    }

    private static BulkItemOutcome Outcome(PersonRow row, DisconnectOutcome outcome) =>
        outcome.Result == DisconnectResult.Disconnected && outcome.Code == DisconnectCode.Disconnected
            ? Outcome(row, BulkResult.Done)
            : Outcome(row, BulkReasons.Of(outcome));

    private static BulkItemOutcome Outcome(PersonRow row, (BulkResult Result, string Reason) why) => Outcome(row, why.Result, why.Reason);

    private static BulkItemOutcome Outcome(PersonRow row, BulkResult result, string? reason = null) => new(row.UserId, row.DisplayName, result, reason);
}
