using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Fullscript;

/// <summary>Where each server's endpoints are: the documented bases, unless configuration overrides them. The embedded
/// simulator lives in this very process, so by default it is reached at the address Kestrel listens on.</summary>
public sealed class FullscriptServerDirectory(IOptionsMonitor<FullscriptOptions> options, IServer server)
{
    public const string SimulatorPath = "/simulator/api";

    public Uri ApiBase(string serverKey)
    {
        if (Override(serverKey)?.ApiBase is { Length: > 0 } configured)
            return new Uri(configured.TrimEnd('/') + "/");
        if (FullscriptServerKeys.DocumentedApiBases.TryGetValue(serverKey, out var documented))
            return new Uri(documented.AbsoluteUri.TrimEnd('/') + "/");
        if (FullscriptServerKeys.IsSimulator(serverKey))
            return new Uri(OwnAddress(), SimulatorPath + "/");
        throw new InvalidOperationException($"Unknown Fullscript server '{serverKey}'.");
    }

    /// <summary>The browser-facing authorize URL. For the simulator a same-site path, so it works whatever host name the
    /// browser used.</summary>
    public string AuthorizeUrl(string serverKey)
    {
        if (Override(serverKey)?.AuthorizeUrl is { Length: > 0 } configured)
            return configured;
        if (FullscriptServerKeys.IsSimulator(serverKey) && Override(serverKey)?.ApiBase is not { Length: > 0 })
            return SimulatorPath + "/oauth/authorize";
        return new Uri(ApiBase(serverKey), "oauth/authorize").AbsoluteUri;
    }

    private FullscriptServerOverride? Override(string serverKey) =>
        options.CurrentValue.Servers.TryGetValue(serverKey, out var value) ? value : null;

    private Uri OwnAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The portal is not listening yet, so the embedded simulator has no address; set Fullscript:Servers:simulator:ApiBase.");
        // Kestrel reports wildcard bindings as http://[::]:5080 or http://+:5080; loopback reaches the same listener.
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::") uri.Host = "127.0.0.1";
        return new Uri(uri.Uri.GetLeftPart(UriPartial.Authority));
    }
}
