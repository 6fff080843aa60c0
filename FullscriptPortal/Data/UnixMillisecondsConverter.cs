using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FullscriptPortal.Data;

/// <summary>Stores instants as Unix milliseconds (UTC), which SQLite can index, compare and order.</summary>
public sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.ToUnixTimeMilliseconds(),
    v => DateTimeOffset.FromUnixTimeMilliseconds(v));
