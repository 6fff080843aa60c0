namespace FullscriptPortal.Connections;

/// <summary>Scopes the deployment needs. Fullscript does not add scopes to existing tokens, so a connection without one
/// must be authorized again.</summary>
public static class RequiredScopes
{
    /// <summary>The first required scope the granted ones lack, or null.</summary>
    public static string? MissingFrom(IEnumerable<string> required, string granted)
    {
        var scopes = granted.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return required.FirstOrDefault(r => !scopes.Contains(r, StringComparer.Ordinal));
    }

    public static string Reason(string missingScope) => $"missing scope {missingScope}";
}
