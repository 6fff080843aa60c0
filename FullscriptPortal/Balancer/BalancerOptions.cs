namespace FullscriptPortal.Balancer;

/// <summary>The <c>Balancer</c> section, read only in balancer mode (<c>dotnet FullscriptPortal.dll balancer</c>): the
/// portal instances behind it and how it watches them.</summary>
public sealed class BalancerOptions
{
    public const string Section = "Balancer";

    /// <summary>The portal instances, e.g. <c>http://10.0.0.11:8080</c>; each is named <c>portal-1</c>, <c>portal-2</c>...
    /// in the order given, and that name is what the affinity cookie pins.</summary>
    public List<string> Destinations { get; set; } = [];

    /// <summary>How often each instance's <c>/health</c> is asked; two failed answers in a row take it out of rotation.</summary>
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Adds <c>X-Balancer-Destination</c> to every response, naming the instance that answered: for trying the
    /// cluster out and for tests, off by default (it tells clients how the deployment is laid out).</summary>
    public bool ShowDestination { get; set; }

    /// <summary>What is wrong with these settings, naming the one to fix; null when the balancer can start.</summary>
    public string? Problem()
    {
        if (Destinations.Count == 0)
            return $"{Section}:{nameof(Destinations)} is empty: name the portal instances, e.g. --{Section}:{nameof(Destinations)}:0=http://127.0.0.1:5301.";
        for (var i = 0; i < Destinations.Count; i++)
        {
            if (!Uri.TryCreate(Destinations[i], UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                return $"{Section}:{nameof(Destinations)}:{i} ('{Destinations[i]}') is not an http or https address.";
        }
        return HealthCheckInterval <= TimeSpan.Zero ? $"{Section}:{nameof(HealthCheckInterval)} must be positive." : null;
    }

    /// <summary>The name of the <paramref name="index"/>th destination (0-based).</summary>
    public static string DestinationId(int index) => $"portal-{index + 1}";
}
