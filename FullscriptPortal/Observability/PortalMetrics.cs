using System.Diagnostics.Metrics;
using FullscriptPortal.Connections;
using FullscriptPortal.Fullscript;
using FullscriptPortal.Lifecycle;
using FullscriptPortal.Tokens;

namespace FullscriptPortal.Observability;

/// <summary>The portal's metrics (System.Diagnostics.Metrics, meter "FullscriptPortal"), for any OpenTelemetry exporter.</summary>
public sealed class PortalMetrics : IDisposable
{
    public const string MeterName = FullscriptMetrics.MeterName;

    private readonly Meter _meter;
    private readonly Counter<long> _refreshes;
    private readonly Histogram<double> _refreshDuration;
    private IReadOnlyDictionary<ConnectionState, int> _byState = new Dictionary<ConnectionState, int>();

    public PortalMetrics(IMeterFactory meters, FullscriptBudget budget)
    {
        _meter = meters.Create(MeterName);
        _refreshes = _meter.CreateCounter<long>("fullscript.refreshes", description: "Token refreshes, by outcome");
        _refreshDuration = _meter.CreateHistogram<double>("fullscript.refresh.duration", unit: "ms", description: "Time to refresh a connection, storage included");
        _meter.CreateObservableGauge("fullscript.connections", () => _byState.Select(p => new Measurement<int>(p.Value, new KeyValuePair<string, object?>("state", p.Key.ToString()))),
            description: "Connections by state, as of the last worker sweep");
        _meter.CreateObservableGauge("fullscript.budget.used", () => budget.Used, description: "Calls to Fullscript in the current rate-limit window");
    }

    public void Refreshed(RefreshResult result, TimeSpan elapsed)
    {
        _refreshes.Add(1, new KeyValuePair<string, object?>("outcome", result.ToString()));
        _refreshDuration.Record(elapsed.TotalMilliseconds);
    }

    public void ConnectionsByState(IReadOnlyDictionary<ConnectionState, int> counts) => _byState = counts;

    public void Dispose() => _meter.Dispose();
}
