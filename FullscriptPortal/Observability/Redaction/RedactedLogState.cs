using System.Collections;

namespace FullscriptPortal.Observability.Redaction;

/// <summary>A log entry's structured values and message after redaction; structured providers (OpenTelemetry, JSON
/// console) read the values, text providers the message.</summary>
public sealed class RedactedLogState(IReadOnlyList<KeyValuePair<string, object?>> values, string message) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public KeyValuePair<string, object?> this[int index] => values[index];

    public int Count => values.Count;

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => message;

    /// <summary>The formatter for a redacted entry: its message is already final.</summary>
    public static readonly Func<RedactedLogState, Exception?, string> Format = (state, _) => state.ToString();

    /// <summary>A redacted copy of <paramref name="state"/>, or <c>null</c> when neither its text nor any of its values
    /// held a secret (the usual case: the entry then goes on untouched).</summary>
    public static RedactedLogState? For<TState>(TState state, string text)
    {
        var message = LogRedactor.Redact(text);
        var changed = !ReferenceEquals(message, text);
        List<KeyValuePair<string, object?>> redacted = [];
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            foreach (var (key, value) in pairs)
            {
                var safe = RedactValue(value);
                changed |= !ReferenceEquals(safe, value);
                redacted.Add(new(key, safe));
            }
        return changed ? new RedactedLogState(redacted, message) : null;
    }

    /// <summary>Numbers, flags, times and ids are kept as they are; anything else is checked through its text.</summary>
    private static object? RedactValue(object? value)
    {
        if (value is null or ValueType) return value;
        var text = value is IEnumerable and not string ? string.Join(", ", ((IEnumerable)value).Cast<object?>()) : value.ToString();
        if (text is null) return value;
        var safe = LogRedactor.Redact(text);
        return ReferenceEquals(safe, text) ? value : safe;
    }
}
