using FullscriptPortal.Connections;

namespace FullscriptPortal.Live;

/// <summary>What changed: a connection, and whose it is, so a subscriber can tell whether it cares without a query.
/// <see cref="UserId"/> is set on a person's connection, <see cref="ClinicId"/> on a clinic's (clinic-level), and
/// <see cref="PersonClinicId"/> is the clinic the person belongs to (for their manager's page). <see cref="Version"/> and
/// <see cref="State"/> are the connection's after the change (never a token: this travels between instances).</summary>
public sealed record ConnectionChange(Guid ConnectionId, string? UserId, int? ClinicId, int? PersonClinicId = null, int? Version = null,
    ConnectionState? State = null);
