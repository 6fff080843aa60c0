namespace FullscriptPortal.Simulator;

public sealed record SimulatorFaultState(TimeSpan Latency, int FailNextTokenCalls, int FailStatus, int ThrottleNextTokenCalls, int RetryAfterSeconds, int DropNextTokenResponses);
