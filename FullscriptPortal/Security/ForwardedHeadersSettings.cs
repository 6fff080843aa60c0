using System.Net;

namespace FullscriptPortal.Security;

/// <summary>The <c>ForwardedHeaders</c> section: the proxies in front of the portal (a TLS-terminating load balancer,
/// nginx, YARP) whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed, so that cookies stay Secure and
/// the rate limiter sees the real client. Loopback is always trusted (a proxy on the same machine); anyone else's
/// forwarded headers are ignored.</summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of the proxies, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, in CIDR form, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>The first entry that is not an address or a network, as the setting that holds it; null when all are.</summary>
    public string? FirstInvalid() =>
        KnownProxies.Select((p, i) => IPAddress.TryParse(p, out _) ? null : $"{Section}:{nameof(KnownProxies)}:{i} ('{p}')").FirstOrDefault(e => e is not null)
        ?? KnownNetworks.Select((n, i) => IPNetwork.TryParse(n, out _) ? null : $"{Section}:{nameof(KnownNetworks)}:{i} ('{n}')").FirstOrDefault(e => e is not null);

    /// <summary>Adds the configured proxies and networks to the framework's options, which already trust loopback.</summary>
    public void ApplyTo(ForwardedHeadersOptions options)
    {
        options.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
        foreach (var proxy in KnownProxies) options.KnownProxies.Add(IPAddress.Parse(proxy));
        foreach (var network in KnownNetworks) options.KnownIPNetworks.Add(IPNetwork.Parse(network));
    }
}
