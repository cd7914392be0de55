using System.Diagnostics;
using Npgsql;
using Tidemark.Catalog;
using Tidemark.IntegrationTests.Infrastructure;

namespace Tidemark.IntegrationTests.Catalog;

/// <summary>Helpers for catalog tests: create a database from SQL, read it, dump and restore it.</summary>
internal static class CatalogTestDb
{
    public static async Task<string> CreateAsync(string prefix, string sql)
    {
        var cs = await TestServer.CreateDatabaseAsync(prefix);
        var major = await TestServer.MajorVersionAsync();
        if (major < 15)
        {
            // NULLS NOT DISTINCT and SET NULL (columns) are PostgreSQL 15+; on older servers the same schema without them.
            sql = sql.Replace(" NULLS NOT DISTINCT", "", StringComparison.Ordinal)
                .Replace(" ON DELETE SET NULL (region)", " ON DELETE SET NULL", StringComparison.Ordinal);
        }

        if (major < 14)
        {
            // SQL-standard function bodies and OUT parameters of procedures are PostgreSQL 14+.
            sql = sql.Replace("IMMUTABLE RETURN x * 2;", "IMMUTABLE AS $$ SELECT x * 2 $$;", StringComparison.Ordinal)
                .Replace("(IN a integer, OUT b integer)", "(IN a integer, INOUT b integer)", StringComparison.Ordinal);
        }

        if (sql.Length > 0)
        {
            await TestServer.ExecAsync(cs, sql);
        }

        return cs;
    }

    public static async Task<SchemaModel> ReadAsync(string cs, CatalogOptions? options = null)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        return await new CatalogReader().ReadAsync(conn, options ?? CatalogOptions.Default, CancellationToken.None);
    }

    /// <summary><c>pg_dump --schema-only</c> of <paramref name="source"/> restored with <c>psql -f</c> into a new empty database.</summary>
    public static async Task<string> DumpAndRestoreAsync(string source)
    {
        var file = Path.Combine(Path.GetTempPath(), "tidemark-dump-" + Guid.NewGuid().ToString("N")[..8] + ".sql");
        try
        {
            await RunAsync("pg_dump", source, $"--schema-only --no-owner --no-privileges -f {file}");
            var target = await TestServer.CreateDatabaseAsync("restored");
            await RunAsync("psql", target, $"-X -q -v ON_ERROR_STOP=1 -f {file}");
            return target;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task RunAsync(string tool, string cs, string args)
    {
        var b = new NpgsqlConnectionStringBuilder(cs);
        var psi = new ProcessStartInfo(tool, $"-h {b.Host} -p {b.Port} -U {b.Username} -d {b.Database} {args}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (!string.IsNullOrEmpty(b.Password))
        {
            psi.Environment["PGPASSWORD"] = b.Password;
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {args} failed ({p.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
