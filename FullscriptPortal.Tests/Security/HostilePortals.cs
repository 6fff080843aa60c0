namespace FullscriptPortal.Tests.Security;

/// <summary>The two configurations hostile input is tried against: Development (with the developer exception page) and
/// Production (certificate-protected keys, the simulator enabled with its own secret, behind a TLS-terminating proxy).</summary>
public sealed class HostilePortals : IAsyncLifetime
{
    public const string Development = nameof(Development);
    public const string Production = nameof(Production);

    private readonly Dictionary<string, HostileTarget> _targets = [];

    public HostileTarget this[string environment] => _targets[environment];

    public async Task InitializeAsync()
    {
        _targets[Development] = await HostileTarget.StartAsync(production: false);
        _targets[Production] = await HostileTarget.StartAsync(production: true);
    }

    public Task DisposeAsync()
    {
        foreach (var target in _targets.Values) target.Dispose();
        return Task.CompletedTask;
    }
}
