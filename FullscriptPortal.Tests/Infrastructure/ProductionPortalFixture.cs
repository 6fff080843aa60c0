namespace FullscriptPortal.Tests.Infrastructure;

/// <summary>One <see cref="ProductionPortal"/> per test class, as an xUnit class fixture.</summary>
public sealed class ProductionPortalFixture : IDisposable
{
    public PortalFactory Factory { get; } = ProductionPortal.Create();

    public void Dispose() => Factory.Dispose();
}
