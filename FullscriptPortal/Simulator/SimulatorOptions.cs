namespace FullscriptPortal.Simulator;

/// <summary>The <c>Simulator</c> section: the one OAuth app the embedded stand-in for Fullscript knows, and its knobs.</summary>
public sealed class SimulatorOptions
{
    public const string Section = "Simulator";
    public const string DefaultClientId = "fullscript-portal-dev";
    public const string DefaultClientSecret = "simulator-only-secret";

    /// <summary>The shortest client secret accepted outside Development.</summary>
    public const int MinimumSecretLength = 32;

    /// <summary>Keeps the simulator mapped after <c>Fullscript:Server</c> moved to a real server; outside Development, the
    /// explicit consent to run it at all.</summary>
    public bool Enabled { get; set; }

    public string ClientId { get; set; } = DefaultClientId;
    public string ClientSecret { get; set; } = DefaultClientSecret;
    public string AppName { get; set; } = "FullscriptPortal (development)";

    /// <summary>Registered redirect URIs. Empty: the portal's own <c>/oauth/fullscript/callback</c> on whatever host the
    /// browser uses, so <c>dotnet run</c> works on any port.</summary>
    public List<string> RedirectUris { get; set; } = [];

    /// <summary>Scopes set for the app "in Fullscript's API dashboard".</summary>
    public string Scope { get; set; } = "catalog:read patients:read treatment_plans:write";

    /// <summary>Documented as 2 hours; shorten it to watch expiry in a demo.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(2);
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Requests allowed per client in <see cref="RateLimitWindow"/> (documented: 5,000 per rolling 5 minutes).</summary>
    public int RateLimit { get; set; } = 5000;
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The simulator's own SQLite file (relative paths are under the content root), so grants survive restarts.</summary>
    public string DatabasePath { get; set; } = "App_Data/simulator.db";
}
