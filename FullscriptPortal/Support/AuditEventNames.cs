using FullscriptPortal.Audit;
using FullscriptPortal.Webhooks;
using MudBlazor;

namespace FullscriptPortal.Support;

/// <summary>The audit trail's events and outcomes in words, with an icon per event, for support's audit page and its
/// export. An event or outcome without words here is shown as recorded, so a new one is never hidden.</summary>
public static class AuditEventNames
{
    public sealed record EventName(string Action, string Words, string Icon);

    public static readonly IReadOnlyList<EventName> Events =
    [
        new(AuditActions.ConnectStarted, "Connect started", Icons.Material.Filled.Link),
        new(AuditActions.ConsentReturned, "Fullscript consent", Icons.Material.Filled.AssignmentReturn),
        new(AuditActions.CodeExchanged, "Connection attempt", Icons.Material.Filled.CheckCircle),
        new(AuditActions.ClinicLookup, "Fullscript clinic lookup", Icons.Material.Filled.LocalHospital),
        new(AuditActions.Refreshed, "Access renewal", Icons.Material.Filled.Autorenew),
        new(AuditActions.Probed, "Connection check", Icons.Material.Filled.FactCheck),
        new(AuditActions.Disconnect, "Disconnect", Icons.Material.Filled.LinkOff),
        new(AuditActions.InviteCreated, "Invite sent", Icons.Material.Filled.Send),
        new(AuditActions.InviteUsed, "Invite accepted", Icons.Material.Filled.HowToReg),
        new(AuditActions.InviteResent, "Invite resent", Icons.Material.Filled.ForwardToInbox),
        new(AuditActions.InviteCancelled, "Invite cancelled", Icons.Material.Filled.CancelScheduleSend),
        new(AuditActions.Provisioned, "Person or clinic changed", Icons.Material.Filled.ManageAccounts),
        new(AuditActions.ApiKeyCreated, "API key created", Icons.Material.Filled.VpnKey),
        new(AuditActions.ApiKeyRevoked, "API key revoked", Icons.Material.Filled.KeyOff),
        new(AuditActions.ApiCall, "API call", Icons.Material.Filled.Api),
        new(WebhookAuditActions.Created, "Webhook added", Icons.Material.Filled.Webhook),
        new(WebhookAuditActions.Enabled, "Webhook turned on", Icons.Material.Filled.Webhook),
        new(WebhookAuditActions.Disabled, "Webhook turned off", Icons.Material.Filled.Webhook),
        new(WebhookAuditActions.Deleted, "Webhook removed", Icons.Material.Filled.Webhook),
    ];

    private static readonly Dictionary<string, EventName> ByAction = Events.ToDictionary(e => e.Action, StringComparer.Ordinal);

    public static string Words(string action) => ByAction.TryGetValue(action, out var name) ? name.Words : action;

    public static string Icon(string action) => ByAction.TryGetValue(action, out var name) ? name.Icon : Icons.Material.Filled.Info;

    private static readonly Dictionary<string, string> Outcomes = new(StringComparer.Ordinal)
    {
        ["redirected"] = "Sent to Fullscript",
        ["code-received"] = "Approved",
        ["refused"] = "Not approved",
        ["connected"] = "Connected",
        ["missing-scope"] = "Missing a required scope",
        ["transient-failure"] = "Fullscript did not answer; retrying",
        ["failed"] = "Failed",
        ["found"] = "Found",
        ["foreign-clinic"] = "Another clinic's account",
        ["refreshed"] = "Renewed",
        ["rejected"] = "Refused by Fullscript",
        ["gave-up"] = "Gave up retrying",
        ["ok"] = "Works",
        ["revoked"] = "Revoked",
        ["pending"] = "Waiting for Fullscript",
        ["replaced-grant-revoked"] = "Earlier grant handed back",
        ["replaced-grant-not-revoked"] = "Earlier grant not handed back",
        ["created"] = "Created",
        ["used"] = "Used",
        ["resent"] = "Fresh link sent",
        ["cancelled"] = "Cancelled",
        ["clinic-created"] = "Clinic added",
        ["clinic-updated"] = "Clinic changed",
        ["user-created"] = "Person added",
        ["user-updated"] = "Person changed",
        ["user-deactivated"] = "Person deactivated",
        ["enabled"] = "Turned on",
        ["disabled"] = "Turned off",
        ["auto"] = "Turned off after failures",
        ["deleted"] = "Removed",
    };

    /// <summary>An outcome in words; an API call's outcome is its HTTP status.</summary>
    public static string OutcomeWords(string outcome) =>
        Outcomes.TryGetValue(outcome, out var words) ? words
        : outcome.Length == 3 && outcome.All(char.IsAsciiDigit) ? $"HTTP {outcome}"
        : outcome;
}
