namespace FullscriptPortal.Connections;

/// <summary>What a page may know about a connection: everything but the tokens.</summary>
public sealed record ConnectionView(
    Guid Id,
    ConnectionState StoredState,
    string? StateReason,
    string ServerKey,
    string Scope,
    string ResourceOwnerType,
    string? FullscriptClinicName,
    DateTimeOffset ConnectedAt,
    DateTimeOffset AccessTokenExpiresAt,
    int ExpiresInSeconds,
    DateTimeOffset? LastRefreshedAt,
    bool ClinicMismatch = false,
    bool DisconnectPending = false,
    DateTimeOffset? NextRefreshAttemptAt = null,
    bool IsClinicConnection = false)
{
    /// <summary>The state as of <paramref name="now"/>: an Active connection whose access token ran out is Expired.</summary>
    public ConnectionState StateAt(DateTimeOffset now) =>
        StoredState == ConnectionState.Active && AccessTokenExpiresAt <= now ? ConnectionState.Expired : StoredState;

    public IReadOnlyList<string> Scopes => Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static ConnectionView From(FullscriptConnection c) => new(
        c.Id, c.State, c.StateReason, c.ServerKey, c.Scope, c.ResourceOwnerType, c.FullscriptClinicName,
        c.ConnectedAt, c.AccessTokenExpiresAt, c.ExpiresInSeconds, c.LastRefreshedAt,
        c.ClinicMismatch, c.DisconnectRequestedAt is not null && c.State != ConnectionState.Revoked, c.NextRefreshAttemptAt, c.ClinicId is not null);
}
