namespace FullscriptPortal.Components.Circuits;

/// <summary>How many circuits each signed-in person has open on this instance (a singleton).</summary>
public sealed class CircuitsPerUser
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>Counts one more circuit for <paramref name="userId"/> unless they already hold <paramref name="limit"/>.</summary>
    public bool TryOpen(string userId, int limit)
    {
        lock (_gate)
        {
            var open = _open.GetValueOrDefault(userId);
            if (open >= limit) return false;
            _open[userId] = open + 1;
            return true;
        }
    }

    /// <summary>One of <paramref name="userId"/>'s counted circuits ended.</summary>
    public void Close(string userId)
    {
        lock (_gate)
        {
            var open = _open.GetValueOrDefault(userId);
            if (open <= 1) _open.Remove(userId);
            else _open[userId] = open - 1;
        }
    }

    public int OpenFor(string userId)
    {
        lock (_gate) return _open.GetValueOrDefault(userId);
    }
}
