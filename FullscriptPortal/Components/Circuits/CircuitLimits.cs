using System.ComponentModel.DataAnnotations;

namespace FullscriptPortal.Components.Circuits;

/// <summary>The <c>Circuits</c> section, and the limits on the Blazor hub that are set on purpose rather than left to
/// defaults: what one browser may send, how long a dropped circuit is kept, and how many circuits one person may hold.</summary>
public sealed class CircuitLimits
{
    public const string Section = "Circuits";

    /// <summary>The largest message a browser may send over the hub (SignalR's default, stated): the portal's pages send
    /// clicks and short form fields, never files.</summary>
    public const long MaximumReceiveMessageSize = 32 * 1024;

    /// <summary>Circuits whose browser went away, kept for a reconnect, across the whole instance.</summary>
    public const int DisconnectedCircuitMaxRetained = 100;

    /// <summary>How long such a circuit waits for its browser to come back (a network blip, a laptop lid).</summary>
    public static readonly TimeSpan DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);

    /// <summary>How long a call into the browser may take before it fails.</summary>
    public static readonly TimeSpan JSInteropDefaultCallTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Render batches sent but not yet acknowledged before the server stops rendering for that browser, so a
    /// slow or hostile client cannot make the server buffer without end.</summary>
    public const int MaxBufferedUnacknowledgedRenderBatches = 10;

    /// <summary>Open circuits (tabs) one signed-in person may hold on one instance; the next one is refused. A closed tab
    /// ends its circuit at once; a dropped one counts until <see cref="DisconnectedCircuitRetentionPeriod"/> passes.</summary>
    [Range(1, 1000)]
    public int MaxPerUser { get; set; } = 20;
}
