namespace FullscriptPortal.Tests.Infrastructure.Postgres;

/// <summary>A shared portal (see <see cref="SharedPortal"/>) whose store is a database of its own on the test run's
/// PostgreSQL server: the collection fixture of the tests that run on each provider.</summary>
public sealed class PostgresPortal : IDisposable
{
    public PortalFactory Factory { get; } = new PortalFactory().OnPostgres();

    public void Dispose() => Factory.Dispose();
}
