using System.Text;
using System.Text.Json;

namespace FullscriptPortal.Live;

/// <summary>One <c>NOTIFY</c> payload: the changes one save made, and the instance that made them (which has already
/// told its own dashboards, so it skips its own notice).</summary>
public sealed record ChangeNotice(string Instance, IReadOnlyList<ConnectionChange> Changes)
{
    /// <summary>The payloads that carry <paramref name="changes"/>, each under <see cref="CrossInstanceChannel.MaxPayloadBytes"/>:
    /// a save of many connections is split in halves until each part fits.</summary>
    public static IEnumerable<string> Encode(string instance, IReadOnlyList<ConnectionChange> changes)
    {
        if (changes.Count == 0) yield break;
        var payload = JsonSerializer.Serialize(new ChangeNotice(instance, changes), LiveJson.Default.ChangeNotice);
        if (Encoding.UTF8.GetByteCount(payload) <= CrossInstanceChannel.MaxPayloadBytes)
        {
            yield return payload;
        }
        else if (changes.Count == 1)
        {
            // Only an absurdly long user id gets here: the connection's own key still wakes its viewers and every "all" page.
            yield return JsonSerializer.Serialize(new ChangeNotice(instance, [new ConnectionChange(changes[0].ConnectionId, null, null)]), LiveJson.Default.ChangeNotice);
        }
        else
        {
            var half = changes.Count / 2;
            foreach (var part in Encode(instance, [.. changes.Take(half)])) yield return part;
            foreach (var part in Encode(instance, [.. changes.Skip(half)])) yield return part;
        }
    }

    /// <summary>The notice in <paramref name="payload"/>, or null when it is not one (another program on the channel).</summary>
    public static ChangeNotice? Decode(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize(payload, LiveJson.Default.ChangeNotice) is { Instance: not null, Changes: not null } notice ? notice : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
