namespace FullscriptPortal.People;

/// <summary>What the bulk toolbar does to every selected row: the row actions that make sense for many people at once.</summary>
public enum BulkAction { Refresh, Disconnect, Revoke, Invite }
