namespace FullscriptPortal.Tokens;

/// <summary><c>Tokens:Probe</c>: prove idle connections with <c>GET /clinic</c>, to notice revocations made inside Fullscript.</summary>
public sealed class ProbeOptions
{
    public bool Enabled { get; set; }
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);
    public int MaxPerSweep { get; set; } = 100;
}
