namespace FullscriptPortal.Tokens;

/// <summary>This process among the portal instances sharing a database: the name leases are taken in.</summary>
public sealed class PortalInstance
{
    public string Id { get; } = $"{Environment.ProcessId}-{Guid.NewGuid():N}";
}
