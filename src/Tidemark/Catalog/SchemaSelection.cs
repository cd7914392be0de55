using Npgsql;
using NpgsqlTypes;

namespace Tidemark.Catalog;

/// <summary>
/// The parameter of an optional schema filter, written in SQL as <c>($n::text[] IS NULL OR n.nspname = ANY ($n))</c>:
/// the selected schemas (a tenant's own, in schema-per-tenant mode), or null for every schema.
/// </summary>
internal static class SchemaSelection
{
    public static NpgsqlParameter Parameter(IEnumerable<string>? schemas) =>
        new NpgsqlParameter<string[]?> { TypedValue = schemas?.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}
