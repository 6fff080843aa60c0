using System.Security.Claims;

namespace FullscriptPortal.Api;

/// <summary>How an API client appears in the audit trail and in its claims.</summary>
public static class ApiActor
{
    public const string ReturnOriginsClaim = "portal:return_origins";

    /// <summary>The audit trail's actor for a key: its name, marked as a machine client.</summary>
    public static string Of(string keyName) => "api:" + keyName;

    public static IReadOnlyList<string> ReturnOrigins(this ClaimsPrincipal client) =>
        client.FindFirstValue(ReturnOriginsClaim)?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
}
