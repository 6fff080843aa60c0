namespace FullscriptPortal.People;

/// <summary>What a manager or support can do from a person's row in the people grid.</summary>
public enum RowAction { Invite, ConnectOnBehalf, Refresh, Disconnect, Revoke }
