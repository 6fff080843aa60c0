using System.Globalization;
using FullscriptPortal.Connections;
using Microsoft.AspNetCore.WebUtilities;

namespace FullscriptPortal.People;

/// <summary>The grid's view in the address bar (<c>?state=&amp;search=&amp;sort=&amp;page=</c>), so a view can be shared and
/// bookmarked. Anything unreadable is ignored rather than refused: a link someone mangled still opens the page.</summary>
public static class PeopleUrl
{
    public const string State = "state";
    public const string Search = "search";
    public const string Sort = "sort";
    public const string Page = "page";

    /// <summary>A coverage tile's set (<see cref="PeopleSet"/>), which no single state names.</summary>
    public const string Show = "show";

    /// <summary>The person whose detail panel is open; kept apart from the view, so changing a filter keeps the panel.</summary>
    public const string Person = "person";

    /// <summary>Said in a link for "every state", so the link wins over a remembered state.</summary>
    public const string AllStates = "all";

    private static readonly string[] Keys = [State, Search, Sort, Page, Show];

    /// <summary>The view the address names, or null when it names none (then the remembered view applies). Page is 0-based
    /// here and 1-based in the address.</summary>
    public static (PeopleFilter Filter, int Page)? Read(string uri)
    {
        var query = QueryHelpers.ParseQuery(new Uri(uri).Query);
        if (!Keys.Any(query.ContainsKey)) return null;

        var search = Value(query, Search).Trim();
        if (search is { Length: > PeopleQuery.MaxSearchLength }) search = search[..PeopleQuery.MaxSearchLength];
        ConnectionState? state = Enum.GetNames<ConnectionState>().FirstOrDefault(n => n.Equals(Value(query, State), StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<ConnectionState>(name)
            : null;
        var sortText = Value(query, Sort);
        var descending = sortText.StartsWith('-');
        var sort = Enum.GetNames<PeopleSort>().FirstOrDefault(n => n.Equals(sortText.TrimStart('-'), StringComparison.OrdinalIgnoreCase)) is { } sortName
            ? Enum.Parse<PeopleSort>(sortName)
            : PeopleSort.Name;
        PeopleSet? set = Enum.GetNames<PeopleSet>().FirstOrDefault(n => n.Equals(Value(query, Show), StringComparison.OrdinalIgnoreCase)) is { } setName
            ? Enum.Parse<PeopleSet>(setName)
            : null;
        var page = int.TryParse(Value(query, Page), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 100_000 ? p - 1 : 0;
        return (new PeopleFilter(string.IsNullOrEmpty(search) ? null : search, state, sort, descending && sortText.Length > 1, set), page);
    }

    private static string Value(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query, string key) =>
        query.TryGetValue(key, out var value) ? value.ToString() : "";

    /// <summary>The address with this view in it, other parameters (a tab, say) kept; defaults are left out.</summary>
    public static string Write(string uri, PeopleFilter filter, int page)
    {
        var parsed = new Uri(uri);
        var kept = QueryHelpers.ParseQuery(parsed.Query).Where(p => !Keys.Contains(p.Key)).SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)));
        var view = new List<KeyValuePair<string, string?>>();
        if (filter.State is { } state) view.Add(new(State, state.ToString()));
        if (filter.Set is { } set) view.Add(new(Show, set.ToString().ToLowerInvariant()));
        if (!string.IsNullOrEmpty(filter.Search)) view.Add(new(Search, filter.Search));
        if (filter.Sort != PeopleSort.Name || filter.Descending) view.Add(new(Sort, (filter.Descending ? "-" : "") + filter.Sort.ToString().ToLowerInvariant()));
        if (page > 0) view.Add(new(Page, (page + 1).ToString(CultureInfo.InvariantCulture)));
        return QueryHelpers.AddQueryString(parsed.GetLeftPart(UriPartial.Path), kept.Concat(view));
    }

    /// <summary>The person the address opens the detail panel of, or null. Whether the viewer may see them is the panel's
    /// question, not the address's.</summary>
    public static string? ReadPerson(string uri) =>
        QueryHelpers.ParseQuery(new Uri(uri).Query).TryGetValue(Person, out var value) && value.ToString().Trim() is { Length: > 0 and <= 450 } id ? id : null;

    /// <summary>The address with this person's panel open (null: closed), everything else kept.</summary>
    public static string WithPerson(string uri, string? userId)
    {
        var parsed = new Uri(uri);
        var kept = QueryHelpers.ParseQuery(parsed.Query).Where(p => p.Key != Person).SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)));
        if (userId is not null) kept = kept.Append(new(Person, userId));
        return QueryHelpers.AddQueryString(parsed.GetLeftPart(UriPartial.Path), kept);
    }

    /// <summary>A coverage tile's link: its set when it counts one, else its state.</summary>
    public static string ForTile(string path, ConnectionState? state, PeopleSet? set, IEnumerable<KeyValuePair<string, string?>>? more = null) =>
        set is { } shown
            ? QueryHelpers.AddQueryString(path, (more ?? []).Append(new(State, AllStates)).Append(new(Show, shown.ToString().ToLowerInvariant())))
            : ForState(path, state, more);

    /// <summary>A link to this page showing one state (null: every state), whatever was remembered.</summary>
    public static string ForState(string path, ConnectionState? state, IEnumerable<KeyValuePair<string, string?>>? more = null) =>
        QueryHelpers.AddQueryString(path, (more ?? []).Append(new(State, state?.ToString() ?? AllStates)));
}
