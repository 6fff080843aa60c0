using System.Text.Json.Serialization;
using FullscriptPortal.Connections;

namespace FullscriptPortal.Api;

/// <summary>A person as the integrating app knows them.</summary>
public sealed record ApiPerson(string? ExternalId, string Email, string DisplayName, string Role, string? Clinic, bool Active);

/// <summary>The Fullscript side of a connection: who authorized, and in which Fullscript clinic.</summary>
public sealed record ApiFullscriptAccount(string ResourceOwnerId, string ResourceOwnerType, string? ClinicId, string? ClinicName);

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

/// <summary>One page of connections; pass <c>next_cursor</c> back as <c>cursor</c> for the next one (null: the last page).</summary>
public sealed record ApiConnectionPage(IReadOnlyList<ApiConnection> Items, string? NextCursor);

public sealed record ApiAccessTokenRequest(int? MinValidity);

/// <summary>An access token for Fullscript's API on the connection's own server. Keep it in memory only.</summary>
public sealed record ApiAccessToken(string AccessToken, string TokenType, DateTimeOffset ExpiresAt, string Server, string ApiBase);

public sealed record ApiDisconnectRequest(string? Reason);

public sealed record ApiDisconnectResult(ConnectionState State, bool Pending, string Detail);

public sealed record ApiConnectLinkRequest(int? ExpiresIn, string? ReturnUrl);

/// <summary>A single-use link that starts the person's own connect flow; hand it to the person only.</summary>
public sealed record ApiConnectLink(string Url, DateTimeOffset ExpiresAt);

public sealed record ApiClinicRequest(string? Name, string? FullscriptClinicId);

public sealed record ApiClinic(string ExternalId, string Name, string? FullscriptClinicId);

public sealed record ApiUserRequest(string? Email, string? DisplayName, string? Role, string? Clinic);

/// <summary>A person made or changed; <c>invitation_url</c> (single use) lets a new person set their password.</summary>
public sealed record ApiUser(ApiPerson User, string? InvitationUrl, DateTimeOffset? InvitationExpiresAt);

/// <summary>The API's own types, generated at build time; <see cref="ApiJson"/> gives them their snake_case names.</summary>
[JsonSerializable(typeof(ApiConnection))]
[JsonSerializable(typeof(ApiConnectionPage))]
[JsonSerializable(typeof(ApiAccessTokenRequest))]
[JsonSerializable(typeof(ApiAccessToken))]
[JsonSerializable(typeof(ApiDisconnectRequest))]
[JsonSerializable(typeof(ApiDisconnectResult))]
[JsonSerializable(typeof(ApiConnectLinkRequest))]
[JsonSerializable(typeof(ApiConnectLink))]
[JsonSerializable(typeof(ApiClinicRequest))]
[JsonSerializable(typeof(ApiClinic))]
[JsonSerializable(typeof(ApiUserRequest))]
[JsonSerializable(typeof(ApiUser))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
