using System.Security.Claims;
using FullscriptPortal.Components.Shared;
using FullscriptPortal.Components.Viewer;
using FullscriptPortal.Connections;
using Microsoft.AspNetCore.Components;

namespace FullscriptPortal.People;

/// <summary>One row of the people grid, redrawn only when what it shows changed.</summary>
public sealed partial class PeopleGridRow : IDisposable
{
    [Parameter, EditorRequired] public string UserId { get; set; } = "";
    [Parameter, EditorRequired] public RowStore Store { get; set; } = default!;
    [Parameter, EditorRequired] public BulkSelection Selection { get; set; } = default!;
    [Parameter, EditorRequired] public ClaimsPrincipal Viewer { get; set; } = default!;

    /// <summary>The person's details in the address (a link the keyboard can follow).</summary>
    [Parameter, EditorRequired] public string Address { get; set; } = "";

    [Parameter] public bool ShowClinic { get; set; }

    /// <summary>Raised with the person's id when the row or their name is pressed.</summary>
    [Parameter] public EventCallback<string> OnOpen { get; set; }

    /// <summary>Raised after an action from the row's menu, so the grid can read the row again.</summary>
    [Parameter] public EventCallback<PersonRow> OnActed { get; set; }

    [Inject] private CircuitClock Clock { get; set; } = default!;
    [Inject] private ViewerTime Time { get; set; } = default!;

    private PersonRow? _row;
    private bool _selected;
    private bool _showsClinic;
    private bool _dirty = true;
    private bool _menuPressed;
    private IDisposable? _wake;
    private DateTimeOffset? _wakesAt;

    /// <summary>The next instant a row's words change with time alone: its last refresh's relative time turning, its
    /// pending invite expiring, or its access token running out (Active becoming Expired). Null when nothing will.</summary>
    public static DateTimeOffset? NextChangeAt(PersonRow row, DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        void Consider(DateTimeOffset? at)
        {
            if (at > now && (next is null || at < next)) next = at;
        }
        if (row.Connection?.LastRefreshedAt is { } refreshed) Consider(ViewerTime.NextRelativeChange(refreshed, now));
        if (row.OpenInviteAt(now) is { } invite && invite.StatusAt(now) == InviteStatus.Pending) Consider(invite.ExpiresAt);
        if (row.StateAt(now) == ConnectionState.Active) Consider(row.Connection!.AccessTokenExpiresAt);
        return next;
    }

    protected override void OnInitialized()
    {
        Store.RowChanged += OnRowChanged;
        Selection.Changed += OnSelectionChanged;
        Time.Changed += OnTimeChanged;
    }

    // The grid redraws around its rows (a count arriving, the details panel opening) with the same rows: a row with
    // nothing new to show is not drawn again, which also spares the second render tree it would keep.
    protected override void OnParametersSet()
    {
        var row = Store.Get(UserId);
        var selected = Selection.Contains(UserId);
        if (Equals(row, _row) && selected == _selected && ShowClinic == _showsClinic) return;
        (_row, _selected, _showsClinic, _dirty) = (row, selected, ShowClinic, true);
    }

    protected override bool ShouldRender() => _dirty && _row is not null;

    // Woken when its words next change with time (never while prerendering), not every second before it.
    protected override void OnAfterRender(bool firstRender)
    {
        var next = _row is null ? null : NextChangeAt(_row, Clock.Now);
        if (next == _wakesAt) return;
        _wake?.Dispose();
        (_wake, _wakesAt) = (next is { } at ? Clock.WakeAt(at, OnTimeChanged) : null, next);
    }

    private void PressMenu() => (_menuPressed, _dirty) = (true, true);

    private void OnTicked(ChangeEventArgs e) => Selection.Set(UserId, e.Value is true || (e.Value is string s && bool.TryParse(s, out var b) && b));

    private void OnRowChanged(string userId)
    {
        if (userId == UserId) _ = InvokeAsync(() => Redraw(Store.Get(UserId) ?? _row, _selected));
    }

    private void OnSelectionChanged(bool viewChanged) => _ = InvokeAsync(() => Redraw(_row, Selection.Contains(UserId)));

    private void OnTimeChanged() => _ = InvokeAsync(() =>
    {
        _wakesAt = null; // the wake-up fired: the next one is asked for after this render
        _dirty = true;
        StateHasChanged();
    });

    private void Redraw(PersonRow? row, bool selected)
    {
        if (Equals(row, _row) && selected == _selected) return;
        (_row, _selected, _dirty) = (row, selected, true);
        StateHasChanged();
    }

    public void Dispose()
    {
        Store.RowChanged -= OnRowChanged;
        Selection.Changed -= OnSelectionChanged;
        Time.Changed -= OnTimeChanged;
        _wake?.Dispose();
    }
}
