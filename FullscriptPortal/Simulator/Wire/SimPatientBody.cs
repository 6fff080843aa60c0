using System.Text.Json.Serialization;

namespace FullscriptPortal.Simulator;

internal sealed record SimPatientBody(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("first_name")] string FirstName,
    [property: JsonPropertyName("last_name")] string LastName,
    [property: JsonPropertyName("email")] string Email);
