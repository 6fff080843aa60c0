namespace FullscriptPortal.Webhooks;

/// <summary>What one delivery pass did; <see cref="Active"/> is false on an instance that does not hold the worker lease.</summary>
public sealed record DeliveryPassReport(int Delivered, int Retrying, int GivenUp, bool Active = true)
{
    public static readonly DeliveryPassReport Standby = new(0, 0, 0, Active: false);

    public int Attempts => Delivered + Retrying + GivenUp;
}
