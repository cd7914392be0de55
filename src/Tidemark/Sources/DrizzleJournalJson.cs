using System.Text.Json.Serialization;

namespace Tidemark.Sources;

/// <summary>drizzle-kit's <c>meta/_journal.json</c>.</summary>
internal sealed record DrizzleJournal(string? Version, string? Dialect, IReadOnlyList<DrizzleJournalEntry>? Entries);

/// <summary>One entry of <c>meta/_journal.json</c>: <c>when</c> becomes drizzle's <c>created_at</c>.</summary>
internal sealed record DrizzleJournalEntry(int Idx, string? Version, long When, string? Tag, bool Breakpoints);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(DrizzleJournal))]
internal sealed partial class DrizzleJournalJsonContext : JsonSerializerContext
{
}
