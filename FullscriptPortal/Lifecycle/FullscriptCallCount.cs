namespace FullscriptPortal.Lifecycle;

/// <summary>How many calls one portal instance made to Fullscript in one second: the rows every instance adds to and
/// reads, so the deployment spends one budget (see <see cref="FullscriptBudget"/>).</summary>
public sealed class FullscriptCallCount
{
    public required string Instance { get; set; }

    /// <summary>The second, as Unix seconds (UTC).</summary>
    public long UnixSecond { get; set; }

    public int Calls { get; set; }
}
