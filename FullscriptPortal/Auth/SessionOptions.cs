using System.ComponentModel.DataAnnotations;

namespace FullscriptPortal.Auth;

/// <summary>The <c>Auth</c> section: how long a sign-in lasts, however active, and how often open dashboards re-check it.</summary>
public sealed class SessionOptions
{
    public const string Section = "Auth";

    /// <summary>A sign-in ends this long after the password was given, even while the sliding cookie keeps being renewed.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often an open dashboard (a Blazor circuit, which sends no cookie after it starts) checks that its user
    /// is still active, with the same role and a session that was not signed out.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(2);
}
