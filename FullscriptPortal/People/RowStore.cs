using FullscriptPortal.Connections;

namespace FullscriptPortal.People;

/// <summary>The rows a grid shows, keyed by person. When one row's connection changes, only the cells of that row hear
/// about it and redraw; the grid around them does not.</summary>
public sealed class RowStore
{
    private readonly Dictionary<string, PersonRow> _rows = new(StringComparer.Ordinal);

    public event Action<string>? RowChanged;

    public void Reset(IEnumerable<PersonRow> rows)
    {
        _rows.Clear();
        foreach (var row in rows) _rows[row.UserId] = row;
    }

    /// <summary>The rows shown, in the order they were loaded.</summary>
    public IEnumerable<PersonRow> Rows => _rows.Values;

    public bool Contains(string userId) => _rows.ContainsKey(userId);

    public PersonRow? Get(string userId) => _rows.GetValueOrDefault(userId);

    public void Update(PersonRow row)
    {
        _rows[row.UserId] = row;
        RowChanged?.Invoke(row.UserId);
    }
}
