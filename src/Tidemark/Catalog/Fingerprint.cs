using System.Security.Cryptography;
using System.Text.Json;

namespace Tidemark.Catalog;

/// <summary>
/// The fingerprint of a schema: lowercase hex SHA-256 of a canonical serialization of a <see cref="SchemaModel"/>
/// (compact JSON of the sorted, OID-free model; the server version is left out). Two databases with the same
/// schema, however and in whatever order it was created, have the same fingerprint.
/// </summary>
internal static class Fingerprint
{
    public static string Compute(SchemaModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(model with { ServerVersionNum = 0 }, CatalogJson.Canonical);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
