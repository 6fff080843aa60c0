using FullscriptPortal.Tests.Infrastructure;

namespace FullscriptPortal.Tests.Auth;

/// <summary>A portal with low per-client limits and windows too long to roll over during a test run, so a count reached
/// stays reached. Each test uses its own client addresses, so their counts never meet.</summary>
public sealed class ThrottledPortal : IDisposable
{
    public const int SignInPosts = 8;
    public const int SignInFailures = 5;
    public const int Links = 3;

    public ThrottledPortal()
    {
        Portal = new PortalFactory();
        Portal.Settings["RateLimits:SignIn:PermitLimit"] = SignInPosts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Portal.Settings["RateLimits:SignIn:Window"] = "01:00:00";
        Portal.Settings["RateLimits:SignInFailures:PermitLimit"] = SignInFailures.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Portal.Settings["RateLimits:SignInFailures:Window"] = "01:00:00";
        Portal.Settings["RateLimits:Links:PermitLimit"] = Links.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Portal.Settings["RateLimits:Links:Window"] = "01:00:00";
    }

    public PortalFactory Portal { get; }

    public void Dispose() => Portal.Dispose();
}
