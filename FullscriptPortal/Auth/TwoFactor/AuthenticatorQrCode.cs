using System.Text;
using System.Text.Encodings.Web;
using QRCoder;

namespace FullscriptPortal.Auth;

/// <summary>The authenticator app's view of the shared key: the otpauth:// URI apps scan, as a QR code, and the key in
/// groups of four for typing by hand.</summary>
public static class AuthenticatorQrCode
{
    public const string Issuer = "FullscriptPortal";

    public static string Uri(string email, string key) =>
        $"otpauth://totp/{UrlEncoder.Default.Encode(Issuer)}:{UrlEncoder.Default.Encode(email)}?secret={key}&issuer={UrlEncoder.Default.Encode(Issuer)}&digits=6";

    /// <summary>A PNG as a data: URI, so the key never travels in a separate request or lands in a cache.</summary>
    public static string PngDataUri(string otpauthUri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(otpauthUri, QRCodeGenerator.ECCLevel.Q);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }

    public static string FormatKey(string key)
    {
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0) grouped.Append(' ');
            grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return grouped.ToString().ToLowerInvariant();
    }
}
