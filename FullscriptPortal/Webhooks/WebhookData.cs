namespace FullscriptPortal.Webhooks;

/// <summary>What an event says about the connection and its person. Never a token: there is no field that could hold one.</summary>
public sealed record WebhookData(
    Guid? ConnectionId,
    string? State,
    string? Reason,
    string? Server,
    string? ExternalId,
    string? Email,
    string? ClinicExternalId);
