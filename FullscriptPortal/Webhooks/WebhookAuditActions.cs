namespace FullscriptPortal.Webhooks;

/// <summary>The audit trail's names for what happens to webhook endpoints (never the secret).</summary>
public static class WebhookAuditActions
{
    public const string Created = "webhook.created";
    public const string Deleted = "webhook.deleted";
    public const string Disabled = "webhook.disabled";
    public const string Enabled = "webhook.enabled";
}
