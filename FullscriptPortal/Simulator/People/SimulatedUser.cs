namespace FullscriptPortal.Simulator;

public sealed record SimulatedUser(string Id, string Name, string Email, string Type, SimulatedClinic Clinic);
