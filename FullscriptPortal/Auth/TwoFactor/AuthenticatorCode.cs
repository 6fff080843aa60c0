namespace FullscriptPortal.Auth;

/// <summary>What a person types from their authenticator app or recovery sheet, tidied: apps show "123 456", and recovery
/// codes (Identity's "XXXXX-XXXXX", upper case) are often typed in lower case.</summary>
public static class AuthenticatorCode
{
    public const int MaxLength = 32;

    public static string Normalize(string? typed) =>
        typed is null ? "" : string.Concat(typed.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    /// <summary>Six digits: an authenticator code (anything else may be a recovery code).</summary>
    public static bool IsAuthenticatorCode(string normalized) => normalized.Length == 6 && normalized.All(char.IsAsciiDigit);
}
