namespace FullscriptPortal.Simulator;

public sealed record SimulatedClinic(string Id, string Name);
