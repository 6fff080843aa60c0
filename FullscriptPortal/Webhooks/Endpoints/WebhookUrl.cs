using System.Net;

namespace FullscriptPortal.Webhooks;

/// <summary>Which addresses may receive events: https anywhere, plain http only on this machine (development and tests),
/// since the body names people and the signature does not hide it.</summary>
public static class WebhookUrl
{
    public const int MaxLength = 2000;

    /// <summary>The URL to store, or the reason it cannot be used.</summary>
    public static (Uri? Url, string? Error) Parse(string? text)
    {
        text = text?.Trim() ?? "";
        if (text.Length is 0 or > MaxLength) return (null, $"Enter the receiver's URL (up to {MaxLength} characters).");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Host.Length == 0)
            return (null, $"\"{text}\" is not an absolute URL such as https://ehr.example.com/webhooks/fullscript.");
        if (url.UserInfo.Length > 0) return (null, "Leave user names and passwords out of the URL.");
        if (url.Fragment.Length > 0) return (null, "A URL with a #fragment cannot receive requests.");
        if (url.Scheme == Uri.UriSchemeHttps) return (url, null);
        if (url.Scheme == Uri.UriSchemeHttp && IsLoopback(url)) return (url, null);
        return (null, "Use an https URL (plain http is allowed only for localhost, during development).");
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
