using System.Collections.Immutable;

namespace FullscriptPortal.Live;

/// <summary>Publishes connection changes to the open dashboards in this process that show them (after eShop's
/// OrderStatusNotificationService): a subscriber names the keys it shows, gets a disposable subscription, and marshals
/// to its circuit itself.</summary>
public sealed partial class ConnectionNotifier(ILogger<ConnectionNotifier> logger)
{
    private ImmutableDictionary<ChangeKey, ImmutableList<Subscriber>> _subscribers = ImmutableDictionary<ChangeKey, ImmutableList<Subscriber>>.Empty;

    public IDisposable Subscribe(ChangeKey key, Func<ConnectionChange, Task> onChange) => Subscribe([key], onChange);

    /// <summary>One subscription for several keys: a change that matches more than one still wakes it once.</summary>
    public IDisposable Subscribe(IEnumerable<ChangeKey> keys, Func<ConnectionChange, Task> onChange)
    {
        var subscriber = new Subscriber(onChange);
        var distinct = keys.Distinct().ToArray();
        foreach (var key in distinct)
            ImmutableInterlocked.AddOrUpdate(ref _subscribers, key, _ => [subscriber], (_, list) => list.Add(subscriber));
        return new Subscription(() =>
        {
            foreach (var key in distinct) Remove(key, subscriber);
        });
    }

    /// <summary>Starts the handlers of the subscribers that show a change and returns at once: the writer that saved the
    /// change (perhaps the worker in the middle of a refresh pass) never waits for dashboards to redraw.</summary>
    public void Publish(IReadOnlyCollection<ConnectionChange> changes)
    {
        var subscribers = _subscribers;
        foreach (var change in changes)
            foreach (var subscriber in Woken(subscribers, change)) _ = NotifyAsync(subscriber, change);
    }

    /// <summary>How many subscriptions a change would wake now: what a page that does not show it must never add to.</summary>
    public int CountWoken(ConnectionChange change) => Woken(_subscribers, change).Count();

    private static IEnumerable<Subscriber> Woken(ImmutableDictionary<ChangeKey, ImmutableList<Subscriber>> subscribers, ConnectionChange change) =>
        ChangeKey.Of(change).SelectMany(key => subscribers.GetValueOrDefault(key, [])).Distinct();

    private void Remove(ChangeKey key, Subscriber subscriber)
    {
        while (true)
        {
            var before = _subscribers;
            if (!before.TryGetValue(key, out var list)) return;
            var remaining = list.Remove(subscriber);
            var after = remaining.IsEmpty ? before.Remove(key) : before.SetItem(key, remaining);
            if (Interlocked.CompareExchange(ref _subscribers, after, before) == before) return;
        }
    }

    private async Task NotifyAsync(Subscriber subscriber, ConnectionChange change)
    {
        try
        {
            await subscriber.OnChange(change);
        }
        catch (Exception ex)
        {
            // A closed circuit's handler must not stop the others from hearing about the change.
            LogSubscriberFailed(ex, change.ConnectionId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A subscriber failed to handle the change of connection {ConnectionId}")]
    private partial void LogSubscriberFailed(Exception exception, Guid connectionId);

    // A class, so two subscriptions with the same handler stay two, and one is woken once per change.
    private sealed class Subscriber(Func<ConnectionChange, Task> onChange)
    {
        public Func<ConnectionChange, Task> OnChange { get; } = onChange;
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private Action? _unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
    }
}
