using System.Security.Claims;
using FullscriptPortal.Components.Shared;
using FullscriptPortal.Connections;
using FullscriptPortal.Mail;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace FullscriptPortal.Clinics;

public sealed partial class InviteSeveralDialog
{
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    [Inject] private ConnectionDirectory Directory { get; set; } = default!;
    [Inject] private Invites Invites { get; set; } = default!;
    [Inject] private PortalEmails Emails { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private CircuitClock Clock { get; set; } = default!;

    private readonly HashSet<string> _chosen = new(StringComparer.Ordinal);
    private ClaimsPrincipal _viewer = new();
    private List<PersonRow>? _candidates;
    private bool _more;
    private IReadOnlyList<InviteOutcome>? _outcomes;

    private bool AllChosen => _candidates is { Count: > 0 } && _chosen.Count == _candidates.Count;

    protected override async Task OnInitializedAsync()
    {
        _viewer = (await Authentication).User;
        var now = Clock.Now;
        // Never connected, or revoked: the states an invite is for (the directory keeps to the manager's clinic).
        List<PersonRow> rows = [];
        var total = 0;
        foreach (var state in (ConnectionState[])[ConnectionState.NotConnected, ConnectionState.Revoked])
        {
            var page = await Directory.QueryAsync(_viewer, new PeopleQuery(State: state, PageSize: Invites.MaxPerBatch));
            rows.AddRange(page.Rows);
            total += page.Total;
        }
        // Someone whose invite is still good is not listed: resend from their row gives a fresh link.
        var candidates = rows.Where(r => r.InvitableAt(now) && r.OpenInviteAt(now)?.StatusAt(now) != InviteStatus.Pending)
            .OrderBy(r => r.DisplayName, StringComparer.CurrentCulture).ToList();
        _more = candidates.Count > Invites.MaxPerBatch || total > rows.Count;
        _candidates = [.. candidates.Take(Invites.MaxPerBatch)];
        _chosen.UnionWith(_candidates.Select(r => r.UserId));
    }

    private void Choose(string userId, bool chosen)
    {
        if (chosen) _chosen.Add(userId);
        else _chosen.Remove(userId);
    }

    private void ChooseAll(bool all)
    {
        _chosen.Clear();
        if (all && _candidates is not null) _chosen.UnionWith(_candidates.Select(r => r.UserId));
    }

    private async Task InviteAsync() =>
        _outcomes = await Invites.InviteManyAsync(_viewer, [.. _chosen], new Uri(Navigation.BaseUri));

    private static string Summary(int invited, int skipped) =>
        (invited == 1 ? "Invited 1 person." : $"Invited {invited} people.") + (skipped == 0 ? "" : skipped == 1 ? " Skipped 1." : $" Skipped {skipped}.");
}
