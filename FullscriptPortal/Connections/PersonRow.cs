namespace FullscriptPortal.Connections;

/// <summary>A person who connects a Fullscript account, with their connection (if any) and their latest connect invite
/// (if any): one row of the clinic and support grids. Never a token, never an invite link.</summary>
public sealed record PersonRow(string UserId, string DisplayName, string Email, string Role, int? ClinicId, string? ClinicName,
    string? ResourceOwnerId, ConnectionView? Connection, InviteView? Invite = null)
{
    /// <summary>Whether an invite makes sense: nobody invites a person whose connection holds (or is losing) a grant.</summary>
    public bool InvitableAt(DateTimeOffset now) => Connection is null || StateAt(now) is ConnectionState.NotConnected or ConnectionState.Revoked;

    /// <summary>The invite worth telling the viewer about: pending or expired, for someone who could be invited (a
    /// connected person's old invite is history, not news).</summary>
    public InviteView? OpenInviteAt(DateTimeOffset now) => Invite is { IsOpen: true } invite && InvitableAt(now) ? invite : null;

    public ConnectionState StateAt(DateTimeOffset now) => Connection?.StateAt(now) ?? ConnectionState.NotConnected;
}
