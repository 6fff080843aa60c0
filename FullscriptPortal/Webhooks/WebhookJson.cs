using System.Text.Json;
using System.Text.Json.Serialization;

namespace FullscriptPortal.Webhooks;

/// <summary>Webhook bodies in snake_case, generated at build time.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(WebhookMessage))]
internal sealed partial class WebhookJson : JsonSerializerContext
{
    public static string Serialize(WebhookMessage message) => JsonSerializer.Serialize(message, Default.WebhookMessage);
}
