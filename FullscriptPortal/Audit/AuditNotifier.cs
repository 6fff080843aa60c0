using System.Collections.Immutable;

namespace FullscriptPortal.Audit;

/// <summary>Tells open audit pages that entries were added, so new ones appear without a reload. In-process: an entry
/// written by another instance shows on the next page load or filter change.</summary>
public sealed partial class AuditNotifier(ILogger<AuditNotifier> logger)
{
    private ImmutableList<Subscriber> _subscribers = [];

    public IDisposable Subscribe(Func<Task> onAppended)
    {
        var subscriber = new Subscriber(onAppended);
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(subscriber));
        return new Subscription(() => ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(subscriber)));
    }

    /// <summary>Wakes every subscriber without waiting for it: a slow page never holds up the write that logged.</summary>
    public void Publish()
    {
        foreach (var subscriber in _subscribers) _ = NotifyAsync(subscriber);
    }

    private async Task NotifyAsync(Subscriber subscriber)
    {
        try
        {
            await subscriber.OnAppended();
        }
        catch (Exception ex)
        {
            LogSubscriberFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An audit trail subscriber failed")]
    private partial void LogSubscriberFailed(Exception exception);

    // A class, so two subscriptions with the same handler stay two.
    private sealed class Subscriber(Func<Task> onAppended)
    {
        public Func<Task> OnAppended { get; } = onAppended;
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) dispose();
        }
    }
}
