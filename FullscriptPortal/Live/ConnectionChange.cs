namespace FullscriptPortal.Live;

/// <summary>What changed: a connection, and whose it is, so a subscriber can tell whether it cares without a query.
/// <see cref="UserId"/> is set on a person's connection, <see cref="ClinicId"/> on a clinic's (clinic-level).</summary>
public sealed record ConnectionChange(Guid ConnectionId, string? UserId, int? ClinicId);
