namespace FullscriptPortal.Audit;

/// <summary>Audit entries in words a practitioner understands.</summary>
public static class AuditText
{
    public static string Describe(AuditEntry entry) => (entry.Action, entry.Outcome) switch
    {
        (AuditActions.ConnectStarted, _) => "Started connecting to Fullscript",
        (AuditActions.ConsentReturned, "code-received") => "Approved the connection at Fullscript",
        (AuditActions.ConsentReturned, _) => "The connection was not approved at Fullscript",
        (AuditActions.CodeExchanged, "connected") => "Connected",
        (AuditActions.CodeExchanged, "missing-scope") => "Connected without a required scope",
        (AuditActions.CodeExchanged, "transient-failure") => "Fullscript did not answer while connecting",
        (AuditActions.CodeExchanged, _) => "Connecting failed",
        (AuditActions.ClinicLookup, "found") => $"Fullscript clinic: {entry.Detail}",
        (AuditActions.ClinicLookup, _) => "Could not look up the Fullscript clinic",
        (AuditActions.Refreshed, "refreshed") => "Access renewed",
        (AuditActions.Refreshed, "rejected") => "Fullscript refused to renew access",
        (AuditActions.Refreshed, _) => "Renewing access failed; retrying",
        (AuditActions.Probed, "ok") => "Connection checked",
        (AuditActions.Probed, _) => "Connection check failed",
        (AuditActions.Disconnect, "revoked") => "Disconnected",
        (AuditActions.Disconnect, "pending") => "Disconnect pending at Fullscript",
        (AuditActions.Disconnect, _) => "Previous grant handed back to Fullscript",
        (AuditActions.InviteCreated, _) => "Invite link created",
        (AuditActions.InviteUsed, _) => "Invite link used",
        (AuditActions.InviteResent, _) => "Invite link sent again",
        (AuditActions.InviteCancelled, _) => "Invite cancelled",
        _ => $"{entry.Action}: {entry.Outcome}",
    };
}
