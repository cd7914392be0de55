using System.Security.Cryptography;
using System.Text.Json;

namespace Tidemark.Catalog;

/// <summary>
/// The fingerprint of a schema: lowercase hex SHA-256 of a canonical serialization of a <see cref="SchemaModel"/>
/// (compact JSON of the sorted, OID-free model; the server version is left out). Two databases with the same
/// schema, however and in whatever order it was created, have the same fingerprint. Column order is not
/// significant: a table made at once by a dump or <c>drizzle-kit push</c> and one grown by ALTER TABLE ADD
/// COLUMN (or a dropped column added back, which can only be appended) are the same schema.
/// </summary>
internal static class Fingerprint
{
    public static string Compute(SchemaModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var canonical = model with
        {
            ServerVersionNum = 0,
            Tables = [.. model.Tables.Select(t => t with { Columns = [.. t.Columns.OrderBy(c => c.Name, StringComparer.Ordinal)] })],
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(canonical, CatalogJson.Canonical);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
