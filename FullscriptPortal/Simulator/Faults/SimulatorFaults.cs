namespace FullscriptPortal.Simulator;

/// <summary>Trouble the simulator can be told to make, so the portal's handling of a bad day at Fullscript can be seen and
/// tested: slow answers, failing token calls, rate limiting, and responses lost after tokens were issued.</summary>
public sealed class SimulatorFaults
{
    private readonly Lock _gate = new();
    private int _failNext;
    private int _failStatus = 503;
    private int _throttleNext;
    private int _retryAfterSeconds = 30;
    private int _dropNext;

    /// <summary>Added before every answer of the simulator's API.</summary>
    public TimeSpan Latency { get; set; }

    public void FailNextTokenCalls(int count, int status)
    {
        if (status is < 500 or > 599) throw new ArgumentOutOfRangeException(nameof(status), "Use a 5xx status.");
        lock (_gate) (_failNext, _failStatus) = (count, status);
    }

    public void ThrottleNextTokenCalls(int count, int retryAfterSeconds)
    {
        lock (_gate) (_throttleNext, _retryAfterSeconds) = (count, retryAfterSeconds);
    }

    /// <summary>The next token calls issue their tokens, then lose the response (the connection is cut).</summary>
    public void DropNextTokenResponses(int count)
    {
        lock (_gate) _dropNext = count;
    }

    /// <summary>Replaces every fault with <paramref name="plan"/>'s; counts of zero or less set nothing.</summary>
    public SimulatorFaultState Apply(SimulatorFaultPlan plan)
    {
        Clear();
        Latency = TimeSpan.FromMilliseconds(plan.LatencyMs);
        if (plan.FailNextTokenCalls > 0) FailNextTokenCalls(plan.FailNextTokenCalls, plan.FailStatus);
        if (plan.ThrottleNextTokenCalls > 0) ThrottleNextTokenCalls(plan.ThrottleNextTokenCalls, plan.RetryAfterSeconds);
        if (plan.DropNextTokenResponses > 0) DropNextTokenResponses(plan.DropNextTokenResponses);
        return State;
    }

    public void Clear()
    {
        lock (_gate) (_failNext, _throttleNext, _dropNext) = (0, 0, 0);
        Latency = TimeSpan.Zero;
    }

    public SimulatorFaultState State
    {
        get
        {
            lock (_gate) return new(Latency, _failNext, _failStatus, _throttleNext, _retryAfterSeconds, _dropNext);
        }
    }

    /// <summary>Takes the fault, if any, that the next OAuth call (token or revoke) meets before any work is done.</summary>
    internal (int Status, int? RetryAfterSeconds)? TakeTokenCallFailure()
    {
        lock (_gate)
        {
            if (_throttleNext > 0)
            {
                _throttleNext--;
                return (429, _retryAfterSeconds);
            }
            if (_failNext > 0)
            {
                _failNext--;
                return (_failStatus, null);
            }
            return null;
        }
    }

    internal bool TakeDroppedResponse()
    {
        lock (_gate)
        {
            if (_dropNext == 0) return false;
            _dropNext--;
            return true;
        }
    }
}
