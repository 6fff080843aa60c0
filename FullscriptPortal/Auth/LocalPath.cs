using System.Text;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace FullscriptPortal.Auth;

/// <summary>Return paths come from the query string, so only same-site paths are followed (no open redirects), and they
/// end up in a <c>Location</c> header, so what is followed is plain ASCII: non-ASCII text is percent-encoded as UTF-8.</summary>
public static class LocalPath
{
    public const int MaxLength = 512;

    /// <summary>The path in a form safe to redirect to, or null when it is not a same-site path: it must start with one
    /// <c>/</c> (never <c>//</c> or <c>/\</c>, which browsers read as another host), hold no backslash, control character
    /// or broken surrogate, and stay within <see cref="MaxLength"/> once encoded. Existing <c>%XX</c> escapes are kept as
    /// they are, so a path that was already normalised comes back unchanged.</summary>
    public static string? Normalize(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Length > MaxLength || path[0] != '/') return null;
        if (path.Length > 1 && path[1] == '/') return null;

        var safe = new StringBuilder(path.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < path.Length;)
        {
            // A lone surrogate is not text; anything that cannot be decoded is refused rather than guessed at.
            if (Rune.DecodeFromUtf16(path.AsSpan(i), out var rune, out var used) != System.Buffers.OperationStatus.Done) return null;
            i += used;
            if (rune.Value == '\\' || Rune.IsControl(rune)) return null;
            if (rune.Value is > ' ' and < 0x7F)
            {
                safe.Append((char)rune.Value);
                continue;
            }
            // Spaces and everything beyond ASCII: percent-encoded UTF-8, as a browser would send it.
            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length]) safe.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return safe.Length <= MaxLength ? safe.ToString() : null;
    }

    public static bool IsSafe(string? path) => Normalize(path) is not null;

    public static string OrHome(string? path) => Normalize(path) ?? "/";

    /// <summary>Makes the cookie handler's own redirect to <c>?ReturnUrl=</c> (after a sign-in) go to the normalised path.</summary>
    public static void NormalizeReturnRedirects(CookieAuthenticationOptions cookie)
    {
        var follow = cookie.Events.OnRedirectToReturnUrl;
        cookie.Events.OnRedirectToReturnUrl = context =>
        {
            context.RedirectUri = OrHome(context.RedirectUri);
            return follow(context);
        };
    }
}
