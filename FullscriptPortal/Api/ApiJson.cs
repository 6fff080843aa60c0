using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace FullscriptPortal.Api;

/// <summary>The API's JSON: snake_case names and enum names as strings, for the API's own types only, so every other
/// endpoint (the simulator's, its control levers) keeps its JSON as it is. Reading, writing and the OpenAPI document all
/// go through this one resolver.</summary>
internal static class ApiJson
{
    public static IJsonTypeInfoResolver Resolver { get; } = ApiJsonContext.Default.WithAddedModifier(SnakeCase);

    private static void SnakeCase(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object) return;
        foreach (var property in type.Properties)
        {
            property.Name = JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            if ((Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType).IsEnum)
                property.CustomConverter = new JsonStringEnumConverter();
        }
    }
}
