using System.Text.Json.Serialization;

namespace FullscriptPortal.Simulator;

internal sealed record SimPageMeta(
    [property: JsonPropertyName("current_page")] int CurrentPage,
    [property: JsonPropertyName("next_page")] int? NextPage,
    [property: JsonPropertyName("prev_page")] int? PrevPage,
    [property: JsonPropertyName("total_pages")] int TotalPages,
    [property: JsonPropertyName("total_count")] int TotalCount);
