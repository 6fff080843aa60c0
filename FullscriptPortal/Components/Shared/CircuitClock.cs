namespace FullscriptPortal.Components.Shared;

/// <summary>One ticking timer per circuit, shared by every countdown on the page, so a page's cost per second does not grow
/// with its rows. Time comes from the injected <see cref="TimeProvider"/>, which tests replace with a fake.</summary>
public sealed class CircuitClock(TimeProvider time) : IDisposable
{
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private event Action? TickedCore;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Raised once a second while anyone listens, on a timer thread: marshal with InvokeAsync.</summary>
    public event Action? Ticked
    {
        add
        {
            lock (_gate)
            {
                TickedCore += value;
                _timer ??= time.CreateTimer(_ => TickedCore?.Invoke(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
            }
        }
        remove
        {
            lock (_gate)
            {
                TickedCore -= value;
                if (TickedCore is not null) return;
                _timer?.Dispose();
                _timer = null;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }
}
