namespace FullscriptPortal.Auth;

/// <summary>Return paths come from the query string, so only same-site paths are followed (no open redirects).</summary>
public static class LocalPath
{
    public const int MaxLength = 512;

    public static bool IsSafe(string? path) =>
        !string.IsNullOrEmpty(path)
        && path.Length <= MaxLength
        && path[0] == '/'
        && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'))
        && !path.Any(char.IsControl);

    public static string OrHome(string? path) => IsSafe(path) ? path! : "/";
}
