using FullscriptPortal.Connections;

namespace FullscriptPortal.Tests.Infrastructure;

internal static class ConnectionViews
{
    public static ConnectionView With(ConnectionState state, DateTimeOffset expiresAt, string? reason = null) => new(
        Guid.NewGuid(), state, reason, "simulator", "catalog:read patients:read", "Practitioner", "Northside Integrative Health",
        expiresAt.AddHours(-2), expiresAt, 7200, null);
}
