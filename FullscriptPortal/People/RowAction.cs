namespace FullscriptPortal.People;

/// <summary>What a manager or support can do from a person's row in the people grid. A person with an open invite is
/// offered <see cref="ResendInvite"/> and <see cref="CancelInvite"/> instead of a second <see cref="Invite"/>.</summary>
public enum RowAction { Invite, ConnectOnBehalf, Refresh, Disconnect, Revoke, ResendInvite, CancelInvite }
