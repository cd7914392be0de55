using System.Diagnostics;
using System.Text;
using Npgsql;

namespace Tidemark.IntegrationTests.Recovery;

/// <summary>
/// The schema of a database two ways: Tidemark's catalog Fingerprint (tidemark
/// and drizzle schemas excluded) and, as an independent cross-check, <c>pg_dump --schema-only</c>
/// text without the tidemark schema, comments and SET lines.
/// </summary>
internal static class SchemaSnapshot
{
    public static async Task<string> FingerprintAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var model = await new global::Tidemark.Catalog.CatalogReader().ReadAsync(connection, global::Tidemark.Catalog.CatalogOptions.Default, CancellationToken.None);
        return global::Tidemark.Catalog.Fingerprint.Compute(model);
    }

    public static async Task<string> DumpAsync(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var psi = new ProcessStartInfo("pg_dump") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--schema-only", "--no-owner", "--no-privileges", "--exclude-schema=tidemark", "-h", b.Host!, "-p", b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", b.Username!, b.Database! })
        {
            psi.ArgumentList.Add(a);
        }

        if (!string.IsNullOrEmpty(b.Password))
        {
            psi.Environment["PGPASSWORD"] = b.Password;
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, "pg_dump failed: " + await stderr);
        var sb = new StringBuilder();
        foreach (var line in (await stdout).Split('\n'))
        {
            // \restrict / \unrestrict carry a random key per dump (pg_dump 15.14+).
            if (line.StartsWith("--", StringComparison.Ordinal) || line.StartsWith("SET ", StringComparison.Ordinal) || line.StartsWith('\\')
                || line.StartsWith("SELECT pg_catalog.set_config", StringComparison.Ordinal) || line.Length == 0)
            {
                continue;
            }

            sb.Append(line).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Schemas other than the system ones and tidemark, and the objects in public.</summary>
    public static Task<long> UserObjectCountAsync(string db) => TestServer.ScalarAsync<long>(db,
        """
        SELECT (SELECT count(*) FROM pg_namespace WHERE nspname NOT IN ('tidemark', 'public', 'information_schema') AND nspname NOT LIKE 'pg\_%')
             + (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public')
             + (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public')
             + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public')
        """);
}
