using FullscriptPortal.Connections;

namespace FullscriptPortal.Api;

/// <summary>Where a person's connection stands. <c>healthy</c> and <c>needs_reconnect</c> are what a program branches on:
/// healthy means a token request will succeed (refreshing first if needed); needs_reconnect means only the person can fix
/// it, through a connect link.</summary>
public sealed record ApiConnection(
    ApiPerson User,
    ConnectionState State,
    string? Reason,
    string? Server,
    ApiFullscriptAccount? Fullscript,
    IReadOnlyList<string> Scopes,
    DateTimeOffset? ConnectedAt,
    DateTimeOffset? AccessTokenExpiresAt,
    DateTimeOffset? LastRefreshedAt,
    DateTimeOffset? NextRefreshAt,
    DateTimeOffset? FailingSince,
    bool Healthy,
    bool NeedsReconnect);
