namespace FullscriptPortal.Simulator;

internal sealed record SimEmpty;
