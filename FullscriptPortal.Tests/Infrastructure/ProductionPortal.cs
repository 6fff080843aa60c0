namespace FullscriptPortal.Tests.Infrastructure;

/// <summary>A Production portal (<see cref="ProductionSettings.InProduction"/>) with the demo people seeded, so tests have
/// someone to sign in as; one per test class, as an xUnit class fixture.</summary>
public sealed class ProductionPortal : IDisposable
{
    public ProductionPortal()
    {
        Factory = new PortalFactory().InProduction();
        Factory.Settings["Demo:Seed"] = "true";
    }

    public PortalFactory Factory { get; }

    public void Dispose() => Factory.Dispose();
}
