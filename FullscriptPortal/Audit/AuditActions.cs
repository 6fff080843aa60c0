namespace FullscriptPortal.Audit;

/// <summary>Adds audit entries to the unit of work that makes the change, so the trail and the change commit together.</summary>
public static class AuditActions
{
    public const string ConnectStarted = "connect.started";
    public const string ConsentReturned = "connect.callback";
    public const string CodeExchanged = "connect.exchange";
    public const string ClinicLookup = "clinic.lookup";
    public const string Refreshed = "token.refresh";
    public const string Probed = "connection.probe";
    public const string Disconnect = "connection.disconnect";
    public const string InviteCreated = "invite.created";
    public const string InviteUsed = "invite.used";
    public const string InviteResent = "invite.resent";
    public const string InviteCancelled = "invite.cancelled";
    public const string ApiKeyCreated = "apikey.created";
    public const string ApiKeyRevoked = "apikey.revoked";
    public const string ApiCall = "api.call";
    public const string Provisioned = "provisioning";

    public const string System = "system";
}
