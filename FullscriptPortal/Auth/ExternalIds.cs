namespace FullscriptPortal.Auth;

/// <summary>The integrating app's own ids for clinics and people: opaque to the portal, but bounded and printable.</summary>
public static class ExternalIds
{
    public const int MaxLength = 100;

    public static bool IsValid(string? value) =>
        value is { Length: > 0 and <= MaxLength } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '@');
}
