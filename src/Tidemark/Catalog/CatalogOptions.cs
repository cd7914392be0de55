namespace Tidemark.Catalog;

/// <summary>
/// Which schemas the catalog reader reads. System schemas (<c>pg_catalog</c>, <c>information_schema</c>,
/// <c>pg_toast*</c>, <c>pg_temp*</c>) are never read. By default every other schema is read except those in
/// <see cref="ExcludeSchemas"/> (Tidemark's own <c>tidemark</c> and drizzle's <c>drizzle</c>).
/// </summary>
public sealed record CatalogOptions
{
    /// <summary>The default schemas left out: Tidemark's history schema and drizzle-kit's migrations schema.</summary>
    public static readonly IReadOnlyList<string> DefaultExcludedSchemas = ["tidemark", "drizzle", "supabase_migrations"];

    /// <summary>The defaults: every non-system schema except <see cref="DefaultExcludedSchemas"/>.</summary>
    public static CatalogOptions Default { get; } = new();

    /// <summary>When set, only these schemas (exact names) are read.</summary>
    public IReadOnlyList<string>? IncludeSchemas { get; init; }

    /// <summary>Schemas (exact names) never read. Add a custom history schema name here.</summary>
    public IReadOnlyList<string> ExcludeSchemas { get; init; } = DefaultExcludedSchemas;

    /// <summary>These options with <paramref name="schema"/> also left out (e.g. a custom history schema).</summary>
    /// <param name="schema">The exact name of the schema to leave out.</param>
    public CatalogOptions Excluding(string schema) => this with { ExcludeSchemas = [.. ExcludeSchemas.Append(schema).Distinct(StringComparer.Ordinal)] };
}
