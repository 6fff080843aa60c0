using System.Text.RegularExpressions;

namespace FullscriptPortal.Observability.Redaction;

/// <summary>Blanks the secrets that can ride inside a log line: OAuth parameters in a URL, form or JSON body, credentials
/// after an HTTP authorization scheme, and the portal's API keys. Hosting logs the raw request URL before any middleware
/// runs, so the log pipeline itself is the one place that sees every line.</summary>
public static partial class LogRedactor
{
    public const string Mask = "[redacted]";

    /// <summary>Query and form parameters (also percent-encoded, as in a return URL) whose values are secrets.</summary>
    [GeneratedRegex(@"(?<=^|[^A-Za-z0-9_]|%3F|%26)(?<name>code|state|code_verifier|code_challenge|access_token|refresh_token|id_token|client_secret|token|password|api_key)(?<eq>=|%3D)(?<value>(?:(?!%26)[^&\s""'<>#])+)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Parameter();

    /// <summary>The same names as JSON members.</summary>
    [GeneratedRegex(@"""(?<name>code|state|code_verifier|code_challenge|access_token|refresh_token|id_token|client_secret|token|password|api_key)""\s*:\s*""[^""]*""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JsonMember();

    /// <summary>Credentials after an authorization scheme, and the portal's own API keys wherever they appear.</summary>
    [GeneratedRegex(@"\b(?<scheme>Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*|\bfsp_[A-Za-z0-9\-_]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Credential();

    /// <summary>The text with every secret replaced by <see cref="Mask"/>; the same instance when nothing was found.</summary>
    public static string Redact(string text)
    {
        if (text.Length == 0) return text;
        var result = Parameter().Replace(text, m => m.Groups["value"].Value == Mask ? m.Value : $"{m.Groups["name"].Value}{m.Groups["eq"].Value}{Mask}");
        result = JsonMember().Replace(result, m => $"\"{m.Groups["name"].Value}\":\"{Mask}\"");
        result = Credential().Replace(result, m => m.Groups["scheme"].Success ? $"{m.Groups["scheme"].Value} {Mask}" : $"fsp_{Mask}");
        return string.Equals(result, text, StringComparison.Ordinal) ? text : result;
    }
}
