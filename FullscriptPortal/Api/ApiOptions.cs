using System.ComponentModel.DataAnnotations;

namespace FullscriptPortal.Api;

/// <summary>The <c>Api</c> section: how much each API key may send.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Requests one key may make per <see cref="RateLimitWindow"/> (a sliding window).</summary>
    [Range(1, 1_000_000)]
    public int RateLimit { get; set; } = 600;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);
}
