using FullscriptPortal.Connections;

namespace FullscriptPortal.Webhooks;

/// <summary>The parts of a connection whose change is an event: as loaded (original) or as about to be saved (current).</summary>
public sealed record ConnectionSnapshot(ConnectionState State, string? StateReason, DateTimeOffset ConnectedAt, DateTimeOffset? LastRefreshedAt);
