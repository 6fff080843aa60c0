namespace FullscriptPortal.Tests.Infrastructure;

/// <summary>Collections of tests that share one portal, as Contoso University's SliceFixture does: the host starts once
/// per collection, and each test starts from the demo seed (<see cref="PortalFactory.ResetAsync"/>, called by the test
/// class's <c>InitializeAsync</c>). The tests of one collection run one at a time, so a sweep or an advanced clock only
/// ever sees the running test's connections; collections run in parallel, each with its own host, files and clock.
/// A test gets a fresh <see cref="PortalFactory"/> of its own only when it is about start-up, settings, restarts,
/// several instances or crashes.</summary>
public static class SharedPortal
{
    public const string Connect = "shared portal: connect";
    public const string Tokens = "shared portal: tokens and lifecycle";
    public const string Simulator = "shared portal: simulator";
    public const string People = "shared portal: people";
    public const string Pages = "shared portal: pages and sign-in";
    public const string Api = "shared portal: the API";

    /// <summary>The tokens and lifecycle tests again, on PostgreSQL (<see cref="Postgres.PostgresPortal"/>).</summary>
    public const string TokensOnPostgres = "shared portal: tokens and lifecycle on PostgreSQL";
}

[CollectionDefinition(SharedPortal.Connect)]
public sealed class SharedConnectPortal : ICollectionFixture<PortalFactory>;

[CollectionDefinition(SharedPortal.Tokens)]
public sealed class SharedTokensPortal : ICollectionFixture<PortalFactory>;

[CollectionDefinition(SharedPortal.TokensOnPostgres)]
public sealed class SharedTokensPostgresPortal : ICollectionFixture<Postgres.PostgresPortal>;

[CollectionDefinition(SharedPortal.Simulator)]
public sealed class SharedSimulatorPortal : ICollectionFixture<PortalFactory>;

[CollectionDefinition(SharedPortal.People)]
public sealed class SharedPeoplePortal : ICollectionFixture<PortalFactory>;

[CollectionDefinition(SharedPortal.Pages)]
public sealed class SharedPagesPortal : ICollectionFixture<PortalFactory>;

[CollectionDefinition(SharedPortal.Api)]
public sealed class SharedApiPortal : ICollectionFixture<PortalFactory>;
