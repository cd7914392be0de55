// TEMPORARY until the sources work lands: a plain-folder loader so the runner can be exercised.
using System.Security.Cryptography;

namespace Tidemark.Sources;

internal static class MigrationSources
{
    public static IMigrationSource FromDirectory(string path, SourceFormat format = SourceFormat.Auto) => new TempDir(path);

    public static IMigrationSource FromAssembly(System.Reflection.Assembly assembly, string? resourcePrefix = null, SourceFormat format = SourceFormat.Auto) => throw new NotSupportedException();

    public static SourceFormat Detect(string path) => SourceFormat.Plain;

    private sealed class TempDir(string path) : IMigrationSource
    {
        public string Location => path;

        public async Task<MigrationSet> LoadAsync(CancellationToken cancellationToken)
        {
            var list = new List<Migration>();
            var order = 0;
            foreach (var f in Directory.GetFiles(path, "*.sql").Order(StringComparer.Ordinal))
            {
                var bytes = await File.ReadAllBytesAsync(f, cancellationToken);
                var name = System.IO.Path.GetFileNameWithoutExtension(f);
                var us = name.IndexOf('_', StringComparison.Ordinal);
                var sql = System.Text.Encoding.UTF8.GetString(bytes);
                list.Add(new Migration(us < 0 ? name : name[..us], us < 0 ? "" : name[(us + 1)..], MigrationKind.Versioned, f, sql,
                    Convert.ToHexStringLower(SHA256.HashData(bytes)), order++) { NoTransactionDirective = sql.StartsWith("-- tidemark:no-transaction", StringComparison.Ordinal) });
            }

            return new MigrationSet(SourceFormat.Plain, path, list, []);
        }
    }
}
