using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using Tidemark.Catalog;
using Tidemark.Diff;
using Tidemark.IntegrationTests.Infrastructure;

namespace Tidemark.IntegrationTests.Diff;

/// <summary>
/// The round-trip invariant over the corpus in <c>Diff/Corpus/NNN_name/</c>: database A gets <c>from.sql</c>, B gets
/// <c>to.sql</c>; the diff A→B is applied to A statement by statement (each in autocommit, as emitted); then A reads
/// equal to B and diffs to nothing, and the hazards of the diff are exactly those listed in <c>hazards.txt</c>.
/// A case with <c>unsupported.txt</c> documents a limitation: the differ must report exactly those differences
/// as unsupported (one expected substring per line) and its statements must still run.
/// </summary>
public sealed class RoundTripCorpusTests
{
    private static readonly string CorpusRoot = Path.Combine(TestServer.RepoRoot, "tests", "Tidemark.IntegrationTests", "Diff", "Corpus");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(CorpusRoot).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    [Fact]
    public void Corpus_has_at_least_sixty_cases() => Assert.True(Cases().Count >= 60, $"only {Cases().Count} corpus cases");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Diff_applied_to_from_reaches_to(string name)
    {
        var dir = Path.Combine(CorpusRoot, name);
        var minVersion = Path.Combine(dir, "min-version.txt");
        if (File.Exists(minVersion) && await TestServer.MajorVersionAsync() < int.Parse((await File.ReadAllTextAsync(minVersion)).Trim(), CultureInfo.InvariantCulture))
        {
            // The case needs syntax this server does not have (NULLS NOT DISTINCT is 15+, BEGIN ATOMIC 14+): the server must refuse it.
            var refused = 0;
            foreach (var file in new[] { "from.sql", "to.sql" })
            {
                try
                {
                    (await ScratchDatabase.TakeAsync(await File.ReadAllTextAsync(Path.Combine(dir, file)))).Release();
                }
                catch (InvalidOperationException ex) when (ex.Message.Contains("syntax error", StringComparison.Ordinal))
                {
                    refused++;
                }
            }

            Assert.True(refused > 0, $"{name} is marked as needing PostgreSQL {File.ReadAllText(minVersion).Trim()}+, but this server accepts it");
            return;
        }

        var scratchA = await ScratchDatabase.TakeAsync(await File.ReadAllTextAsync(Path.Combine(dir, "from.sql")));
        var scratchB = await ScratchDatabase.TakeAsync(await File.ReadAllTextAsync(Path.Combine(dir, "to.sql")));
        var (a, b) = (scratchA.ConnectionString, scratchB.ConnectionString);
        var from = await CorpusDatabase.ReadAsync(a);
        var to = await CorpusDatabase.ReadAsync(b);

        var diff = SchemaDiffer.Diff(from, to);
        if (Environment.GetEnvironmentVariable("TIDEMARK_DIFF_DUMP") is { Length: > 0 } dump)
        {
            Directory.CreateDirectory(dump);
            await File.WriteAllTextAsync(Path.Combine(dump, name + ".sql"), diff.ToSql());
        }

        var expectedHazards = ParseHazards(await File.ReadAllLinesAsync(Path.Combine(dir, "hazards.txt")));
        var unsupportedFile = Path.Combine(dir, "unsupported.txt");
        var expectedUnsupported = File.Exists(unsupportedFile)
            ? (await File.ReadAllLinesAsync(unsupportedFile)).Where(l => l.Trim().Length > 0).ToList()
            : [];
        Assert.True(
            expectedUnsupported.Count == diff.Unsupported.Length && expectedUnsupported.All(e => diff.Unsupported.Any(u => u.Contains(e, StringComparison.Ordinal))),
            "unsupported differences:\n" + string.Join("\n", diff.Unsupported) + "\nexpected:\n" + string.Join("\n", expectedUnsupported));

        var failures = await CorpusDatabase.ApplyAsync(a, diff);
        Assert.True(failures.Count == 0, "statements failed:\n" + string.Join("\n", failures) + "\n\nfull diff:\n" + diff.ToSql());
        Assert.True(expectedHazards == diff.Hazards, $"hazards: expected {expectedHazards}, got {diff.Hazards}\n\n{diff.ToSql()}");
        if (expectedUnsupported.Count == 0)
        {
            var after = await CorpusDatabase.ReadAsync(a);
            var again = SchemaDiffer.Diff(after, to);
            Assert.True(again.IsEmpty, "diff after applying is not empty:\n" + again.ToSql() + "\n\napplied:\n" + diff.ToSql());
            // Column order is not significant: a column can only be appended, so models compare with columns in name order.
            Assert.True(ByName(after) == ByName(to), "models differ after applying:\n" + ModelDifference.Describe(after, to) + "\n\napplied:\n" + diff.ToSql());
        }

        // (with unsupported.txt, a documented limitation: the statements run, but the target cannot be reached exactly)
        scratchA.Release();
        scratchB.Release();
    }

    [Fact]
    public async Task Identical_schemas_diff_to_nothing()
    {
        var sql = await File.ReadAllTextAsync(Path.Combine(CorpusRoot, "002_identical_rich", "from.sql"));
        var a = await ScratchDatabase.TakeAsync(sql);
        var b = await ScratchDatabase.TakeAsync(sql);
        var ma = await CorpusDatabase.ReadAsync(a.ConnectionString);
        var mb = await CorpusDatabase.ReadAsync(b.ConnectionString);
        Assert.NotEmpty(ma.Tables);
        Assert.True(SchemaDiffer.Diff(ma, mb).IsEmpty);
        Assert.True(SchemaDiffer.Diff(ma, ma).IsEmpty);
        Assert.Equal("", SchemaDiffer.Diff(ma, mb).ToSql());
        a.Release();
        b.Release();
    }

    private static SchemaModel ByName(SchemaModel m) =>
        m with { Tables = [.. m.Tables.Select(t => t with { Columns = [.. t.Columns.OrderBy(c => c.Name, StringComparer.Ordinal)] })] };

    private static Hazards ParseHazards(IEnumerable<string> lines)
    {
        var h = Hazards.None;
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            h |= Enum.Parse<Hazards>(line);
        }

        return h;
    }
}

/// <summary>Database helpers for the corpus.</summary>
internal static class CorpusDatabase
{
    /// <summary>psql itself rather than Debian's Perl wrapper in /usr/bin, which costs as much again per start.</summary>
    private static readonly string Psql = Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "psql")).Where(File.Exists).Order(StringComparer.Ordinal).LastOrDefault() ?? "psql"
        : "psql";

    /// <summary>
    /// Creates a database and runs <paramref name="sql"/> in it with <c>psql</c> (Npgsql's own statement splitting
    /// does not understand <c>BEGIN ATOMIC ... END</c> bodies).
    /// </summary>
    public static async Task<string> CreateAsync(string prefix, string sql)
    {
        var db = await TestServer.CreateDatabaseAsync(prefix);
        if (sql.Trim().Length == 0)
        {
            return db;
        }

        var b = new NpgsqlConnectionStringBuilder(db);
        var psi = new ProcessStartInfo(Psql)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", b.Host!, "-p", b.Port.ToString(CultureInfo.InvariantCulture), "-U", b.Username!, "-d", b.Database! })
        {
            psi.ArgumentList.Add(arg);
        }

        using var p = Process.Start(psi)!;
        await p.StandardInput.WriteAsync(sql);
        p.StandardInput.Close();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"psql failed ({p.ExitCode}): {await stderr}");
        }

        return db;
    }

    public static async Task<SchemaModel> ReadAsync(string db)
    {
        await using var conn = new NpgsqlConnection(db);
        await conn.OpenAsync();
        return await new CatalogReader().ReadAsync(conn, CatalogOptions.Default, CancellationToken.None);
    }

    /// <summary>
    /// Runs every statement as emitted, each in autocommit; returns the failures (statement and server error).
    /// Each statement is sent as a single batch command so Npgsql does not split it at semicolons inside
    /// <c>BEGIN ATOMIC ... END</c> bodies.
    /// </summary>
    public static async Task<List<string>> ApplyAsync(string db, SchemaDiff diff)
    {
        var failures = new List<string>();
        await using var conn = new NpgsqlConnection(db);
        await conn.OpenAsync();
        foreach (var change in diff.Changes)
        {
            try
            {
                await using var batch = new NpgsqlBatch(conn) { BatchCommands = { new NpgsqlBatchCommand(change.Sql) } };
                await batch.ExecuteNonQueryAsync();
            }
            catch (PostgresException ex)
            {
                failures.Add($"{change.Sql}\n  -> {ex.SqlState}: {ex.MessageText}");
            }
        }

        return failures;
    }
}

/// <summary>Names the first differing part of two models, for readable failures.</summary>
internal static class ModelDifference
{
    public static string Describe(SchemaModel a, SchemaModel b)
    {
        var sb = new StringBuilder();
        Compare(sb, "schemas", a.Schemas, b.Schemas);
        Compare(sb, "extensions", a.Extensions, b.Extensions);
        Compare(sb, "enums", a.Enums, b.Enums);
        Compare(sb, "domains", a.Domains, b.Domains);
        Compare(sb, "composites", a.CompositeTypes, b.CompositeTypes);
        Compare(sb, "sequences", a.Sequences, b.Sequences);
        Compare(sb, "tables", a.Tables, b.Tables);
        Compare(sb, "views", a.Views, b.Views);
        Compare(sb, "functions", a.Functions, b.Functions);
        Compare(sb, "dependencies", a.Dependencies, b.Dependencies);
        return sb.ToString();
    }

    private static void Compare<T>(StringBuilder sb, string what, EquatableArray<T> a, EquatableArray<T> b)
    {
        if (a == b)
        {
            return;
        }

        sb.Append(what).Append(":\n");
        foreach (var x in a.Where(x => !b.Contains(x)))
        {
            sb.Append("  applied: ").Append(x).Append('\n');
        }

        foreach (var x in b.Where(x => !a.Contains(x)))
        {
            sb.Append("  target:  ").Append(x).Append('\n');
        }

        if (a.ToHashSet().SetEquals(b))
        {
            sb.Append("  (same items, different order)\n");
        }
    }
}
