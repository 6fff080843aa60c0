namespace FullscriptPortal.Security;

/// <summary>The cookies the portal sets. Outside Development each is <c>__Host-</c> prefixed and Secure, so the browser
/// only ever sends it over https, to this exact host, for the whole site. In Development they keep their plain names and
/// follow the request's scheme, so <c>http://127.0.0.1</c> works (a browser drops Secure cookies over http).</summary>
public static class PortalCookies
{
    public const string HostPrefix = "__Host-";
    public const string Auth = "FullscriptPortal.Auth";
    public const string Antiforgery = "FullscriptPortal.Antiforgery";

    /// <summary>The name <paramref name="baseName"/> gets in <paramref name="environment"/>.</summary>
    public static string NameFor(string baseName, IHostEnvironment environment) =>
        environment.IsDevelopment() ? baseName : HostPrefix + baseName;

    /// <summary>Names and secures <paramref name="cookie"/>: HttpOnly, path <c>/</c>, no domain (a <c>__Host-</c> cookie
    /// must have neither), Secure outside Development.</summary>
    public static void Harden(CookieBuilder cookie, IHostEnvironment environment, string baseName, SameSiteMode sameSite)
    {
        cookie.Name = NameFor(baseName, environment);
        cookie.SecurePolicy = SecurePolicyFor(environment);
        cookie.HttpOnly = true;
        cookie.Path = "/";
        cookie.Domain = null;
        cookie.SameSite = sameSite;
    }

    public static CookieSecurePolicy SecurePolicyFor(IHostEnvironment environment) =>
        environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
}
