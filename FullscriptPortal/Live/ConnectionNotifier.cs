using System.Collections.Immutable;

namespace FullscriptPortal.Live;

/// <summary>What changed: a connection, and whose it is, so a subscriber can tell whether it cares without a query.</summary>
public sealed record ConnectionChange(Guid ConnectionId, string? UserId, int? ClinicId);

/// <summary>Publishes connection changes to every open dashboard in this process (after eShop's
/// OrderStatusNotificationService): subscribers get a disposable subscription and marshal to their circuit themselves.</summary>
public sealed partial class ConnectionNotifier(ILogger<ConnectionNotifier> logger)
{
    private ImmutableList<Func<ConnectionChange, Task>> _subscribers = [];

    public IDisposable Subscribe(Func<ConnectionChange, Task> onChange)
    {
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(onChange));
        return new Subscription(() => ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(onChange)));
    }

    /// <summary>Starts every subscriber's handler and returns at once: the writer that saved the change (perhaps the worker
    /// in the middle of a refresh pass) never waits for dashboards to redraw.</summary>
    public void Publish(IReadOnlyCollection<ConnectionChange> changes)
    {
        foreach (var subscriber in _subscribers)
        {
            foreach (var change in changes) _ = NotifyAsync(subscriber, change);
        }
    }

    private async Task NotifyAsync(Func<ConnectionChange, Task> subscriber, ConnectionChange change)
    {
        try
        {
            await subscriber(change);
        }
        catch (Exception ex)
        {
            // A closed circuit's handler must not stop the others from hearing about the change.
            LogSubscriberFailed(ex, change.ConnectionId);
        }
    }

    public int SubscriberCount => _subscribers.Count;

    [LoggerMessage(Level = LogLevel.Warning, Message = "A subscriber failed to handle the change of connection {ConnectionId}")]
    private partial void LogSubscriberFailed(Exception exception, Guid connectionId);

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private Action? _unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
    }
}
