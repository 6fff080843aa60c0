using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.SessionAffinity;

namespace FullscriptPortal.Balancer;

/// <summary>YARP's routes and cluster for the portal instances: everything to one cluster, sticky by cookie (a Blazor
/// circuit lives in one process), instances checked at <c>/health</c>, the client's host kept.</summary>
public static class BalancerProxyConfig
{
    public const string ClusterId = "portals";

    /// <summary>The affinity cookie. Its value is a hash of the destination's name (YARP's <c>HashCookie</c>), not an
    /// encrypted one, so several balancer nodes agree on it without sharing keys.</summary>
    public const string AffinityCookie = "FullscriptPortal.Affinity";

    public static IReadOnlyList<RouteConfig> Routes { get; } =
    [
        new RouteConfig
        {
            RouteId = "portal",
            ClusterId = ClusterId,
            Match = new RouteMatch { Path = "{**catch-all}" },
            // The portal sees the host the browser used (its links, cookies and OAuth redirect are built from it); YARP's
            // default X-Forwarded-For/Proto/Host carry the client's address and scheme, which the portal believes from
            // its known proxies.
            Transforms = [new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" }],
        },
    ];

    public static ClusterConfig Cluster(BalancerOptions options) => new()
    {
        ClusterId = ClusterId,
        LoadBalancingPolicy = "RoundRobin",
        SessionAffinity = new SessionAffinityConfig
        {
            Enabled = true,
            Policy = SessionAffinityConstants.Policies.HashCookie,
            // An instance that died or left the rotation: its people start a new circuit elsewhere (Blazor reconnects).
            FailurePolicy = SessionAffinityConstants.FailurePolicies.Redistribute,
            AffinityKeyName = AffinityCookie,
            Cookie = new SessionAffinityCookieConfig
            {
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                SecurePolicy = CookieSecurePolicy.SameAsRequest,
            },
        },
        HealthCheck = new HealthCheckConfig
        {
            Active = new ActiveHealthCheckConfig
            {
                Enabled = true,
                Interval = options.HealthCheckInterval,
                Timeout = options.HealthCheckInterval,
                Policy = "ConsecutiveFailures",
                Path = "/health",
            },
            // A killed instance is noticed at the first refused connection, not only at the next health check.
            Passive = new PassiveHealthCheckConfig { Enabled = true, Policy = "TransportFailureRate", ReactivationPeriod = options.HealthCheckInterval * 2 },
        },
        Destinations = options.Destinations
            .Select((address, i) => (Id: BalancerOptions.DestinationId(i), Config: new DestinationConfig { Address = address }))
            .ToDictionary(d => d.Id, d => d.Config, StringComparer.OrdinalIgnoreCase),
    };
}
