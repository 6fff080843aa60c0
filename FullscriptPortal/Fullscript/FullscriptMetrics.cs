using System.Diagnostics.Metrics;

namespace FullscriptPortal.Fullscript;

/// <summary>Failed calls to Fullscript, by kind and code, on the portal's meter, so the client needs nothing from the
/// features that use it.</summary>
public sealed class FullscriptMetrics : IDisposable
{
    /// <summary>The portal's one meter; <c>Observability/PortalMetrics</c> adds its instruments to the same name.</summary>
    public const string MeterName = "FullscriptPortal";

    private readonly Meter _meter;
    private readonly Counter<long> _failures;

    public FullscriptMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _failures = _meter.CreateCounter<long>("fullscript.failures", description: "Failed calls to Fullscript, by kind");
    }

    public void Failed(FailureKind kind, string code) =>
        _failures.Add(1, new KeyValuePair<string, object?>("kind", kind.ToString()), new KeyValuePair<string, object?>("code", code));

    public void Dispose() => _meter.Dispose();
}
