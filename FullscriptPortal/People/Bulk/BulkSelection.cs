namespace FullscriptPortal.People;

/// <summary>The rows ticked in one grid, by person, so a live update that redraws a row keeps its tick. The selection
/// belongs to one view: a new filter, sort, page or page size clears it; a reload of the same view keeps whoever is
/// still on it. Cells, the header and the toolbar listen to <see cref="Changed"/> and redraw themselves.</summary>
public sealed class BulkSelection
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private object? _view;

    /// <summary>Raised after every change; the argument says whether the view changed (a new filter or page).</summary>
    public event Action<bool>? Changed;

    public int Count => _ids.Count;

    public bool Contains(string userId) => _ids.Contains(userId);

    public IReadOnlyCollection<string> UserIds => _ids;

    public void Set(string userId, bool selected)
    {
        if (selected ? _ids.Add(userId) : _ids.Remove(userId)) Changed?.Invoke(false);
    }

    /// <summary>Selects exactly <paramref name="userIds"/> (the whole page, or the rows to retry).</summary>
    public void SetOnly(IEnumerable<string> userIds)
    {
        _ids.Clear();
        _ids.UnionWith(userIds);
        Changed?.Invoke(false);
    }

    public void Clear()
    {
        if (_ids.Count == 0) return;
        _ids.Clear();
        Changed?.Invoke(false);
    }

    /// <summary>Called when the grid has loaded <paramref name="shown"/> for <paramref name="view"/>: another view clears the
    /// selection, the same view keeps those still shown.</summary>
    public void Follow(object view, IEnumerable<string> shown)
    {
        var viewChanged = _view is not null && !Equals(_view, view);
        _view = view;
        var before = _ids.Count;
        if (viewChanged) _ids.Clear();
        else _ids.IntersectWith(shown);
        if (viewChanged || _ids.Count != before) Changed?.Invoke(viewChanged);
    }
}
