namespace FullscriptPortal.Components.Shared;

/// <summary>The circuit's time, and wake-ups at the instants a page's words change ("3 min ago" becoming "4 min ago", an
/// invite running out), so nothing on the server runs each second while a page is open. Time comes from the injected
/// <see cref="TimeProvider"/>, which tests replace with a fake.</summary>
public sealed class CircuitClock(TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Calls <paramref name="callback"/> once, on a timer thread, at <paramref name="when"/> (at once when that
    /// has passed): marshal with InvokeAsync. Dispose the result to call it off.</summary>
    public IDisposable WakeAt(DateTimeOffset when, Action callback)
    {
        var wait = when - Now;
        return time.CreateTimer(_ => callback(), null, wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }
}
