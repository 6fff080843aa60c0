namespace FullscriptPortal.Lifecycle;

public sealed record SweepReport(int Exchanges, int Disconnects, int Refreshes, int ProactiveRefreshes = 0, int Probes = 0, bool Active = true)
{
    public static readonly SweepReport Standby = new(0, 0, 0, Active: false);
}
