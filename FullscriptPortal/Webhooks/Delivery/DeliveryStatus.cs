namespace FullscriptPortal.Webhooks;

public enum DeliveryStatus
{
    /// <summary>Waiting for its first attempt or for its next retry.</summary>
    Pending,
    Delivered,

    /// <summary>Every retry failed; the portal gave up and later events of the same connection go ahead.</summary>
    Failed,
}
