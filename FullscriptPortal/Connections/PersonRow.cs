namespace FullscriptPortal.Connections;

/// <summary>A person who connects a Fullscript account, with their connection (if any): one row of the clinic and
/// support grids. Never a token.</summary>
public sealed record PersonRow(string UserId, string DisplayName, string Email, string Role, int? ClinicId, string? ClinicName,
    string? ResourceOwnerId, ConnectionView? Connection)
{
    public ConnectionState StateAt(DateTimeOffset now) => Connection?.StateAt(now) ?? ConnectionState.NotConnected;
}
