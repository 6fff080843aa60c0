namespace FullscriptPortal.Simulator;

public enum SimTokenKind { Access, Refresh }
