using Tidemark.Catalog;

namespace Tidemark.Catalog;

/// <summary>
/// Which part of a database the migrations own, so a live schema and a replayed one are compared on
/// the same ground: every schema except Tidemark's history schema, drizzle's schema and the ignored
/// ones; and without other tools' history tables (flyway_schema_history, __EFMigrationsHistory, …)
/// found in the database. The same filter is applied on both sides, so fingerprints compare.
/// </summary>
internal sealed record SchemaScope(CatalogOptions CatalogOptions, IReadOnlySet<QualifiedName> IgnoredTables)
{
    /// <summary>
    /// Schema-per-tenant: the tenant's schema, the only one compared and the search_path its migrations run with
    /// (a shadow replay makes a schema of that name and runs them there, so both sides name the same schema).
    /// </summary>
    public string? Tenant { get; init; }

    public static SchemaScope For(MigratorOptions options, IEnumerable<QualifiedName>? ignoredTables = null)
    {
        var excluded = CatalogOptions.DefaultExcludedSchemas
            .Append(options.HistorySchema)
            .Concat(options.IgnoredSchemas)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return new SchemaScope(
            new CatalogOptions { ExcludeSchemas = excluded, IncludeSchemas = options.TenantSchema is { } tenant ? [tenant] : null },
            (ignoredTables ?? []).Concat(options.IgnoredTables.Select(Parse)).ToHashSet())
        {
            Tenant = options.TenantSchema,
        };
    }

    /// <summary>
    /// The model as compared for adoption and drift: columns in name order (a table created at once by
    /// <c>drizzle-kit push</c> or a dump may order its columns differently from one grown by ALTER TABLE ADD COLUMN,
    /// and that does not make it another schema), without the ignored tables, their owned sequences and every
    /// dependency edge touching them.
    /// </summary>
    public SchemaModel Apply(SchemaModel model)
    {
        model = Filter(model);
        return model with
        {
            Tables = [.. model.Tables.Select(t => t with { Columns = [.. t.Columns.OrderBy(c => c.Name, StringComparer.Ordinal)] })],
        };
    }

    /// <summary>The model without the ignored tables, their owned sequences and the dependency edges touching them; column order kept.</summary>
    public SchemaModel Filter(SchemaModel model)
    {
        if (IgnoredTables.Count == 0 || !model.Tables.Any(t => IgnoredTables.Contains(t.Name)))
        {
            return model;
        }

        var tables = model.Tables.Where(t => IgnoredTables.Contains(t.Name)).ToArray();
        var sequences = model.Sequences.Where(s => s.OwnedBy is { } o && IgnoredTables.Contains(o.Table)).ToArray();
        var removed = SchemaModel.Empty() with
        {
            Tables = [.. tables],
            Sequences = [.. sequences],
        };
        var keys = ModelKeys.Enumerate(removed).ToHashSet();
        return model with
        {
            Tables = [.. model.Tables.Where(t => !IgnoredTables.Contains(t.Name))],
            Sequences = [.. model.Sequences.Except(sequences)],
            Dependencies = [.. model.Dependencies.Where(d => !keys.Contains(d.Dependent) && !keys.Contains(d.Referenced))],
        };
    }

    private static QualifiedName Parse(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? new QualifiedName("public", name) : new QualifiedName(name[..dot], name[(dot + 1)..]);
    }

    /// <summary>True when the model holds anything a migration could have made (beyond an empty public schema and plpgsql).</summary>
    public static bool HasUserObjects(SchemaModel model, string? ownSchema = null) =>
        model.Tables.Count > 0 || model.Views.Count > 0 || model.Functions.Count > 0 || model.Enums.Count > 0
        || model.Domains.Count > 0 || model.CompositeTypes.Count > 0 || model.Sequences.Count > 0
        || model.Extensions.Any(e => e.Name != "plpgsql")
        || model.Schemas.Any(s => s.Name != "public" && s.Name != ownSchema);
}
