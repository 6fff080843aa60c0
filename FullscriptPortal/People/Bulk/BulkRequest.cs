namespace FullscriptPortal.People;

/// <summary>One bulk run's instruction.</summary>
/// <param name="Action">What to do to each row.</param>
/// <param name="Reason">Support's reason for a revocation, stored with each one.</param>
/// <param name="PortalAddress">The portal's own address, to make an invite link absolute for its e-mail.</param>
public sealed record BulkRequest(BulkAction Action, string? Reason = null, Uri? PortalAddress = null);
