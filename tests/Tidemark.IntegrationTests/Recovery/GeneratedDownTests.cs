using Npgsql;
using Tidemark.Catalog;
using Tidemark.Diff;
using Tidemark.IntegrationTests.Diff;
using Tidemark.IntegrationTests.Infrastructure;
using Tidemark.Planning;
using Tidemark.Recovery;
using Tidemark.Reconciliation;
using Tidemark.Shadow;

namespace Tidemark.IntegrationTests.Recovery;

/// <summary>
/// Generated downs over the differ's corpus: migration 1 is a case's from.sql, migration 2 the change
/// that turns it into to.sql. After applying both, rolling back migration 2 with the down Tidemark
/// generates (it has no down file) must bring the schema back to exactly the schema after 1; a down
/// that drops data is refused without --allow-data-loss, leaving the database untouched.
/// </summary>
public sealed class GeneratedDownTests
{
    private static readonly string CorpusRoot = Path.Combine(TestServer.RepoRoot, "tests", "Tidemark.IntegrationTests", "Diff", "Corpus");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(CorpusRoot).Order(StringComparer.Ordinal))
        {
            // Cases the differ documents as unsupported (one direction) are left out.
            if (!File.Exists(Path.Combine(dir, "unsupported.txt")))
            {
                data.Add(Path.GetFileName(dir));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Generated_down_restores_the_schema_before_the_migration(string name)
    {
        var dir = Path.Combine(CorpusRoot, name);
        var fromSql = await File.ReadAllTextAsync(Path.Combine(dir, "from.sql"));
        var a = await ScratchDatabase.TakeAsync(fromSql);
        var b = await ScratchDatabase.TakeAsync(await File.ReadAllTextAsync(Path.Combine(dir, "to.sql")));
        var change = SchemaDiffer.Diff(await CorpusDatabase.ReadAsync(a.ConnectionString), await CorpusDatabase.ReadAsync(b.ConnectionString));
        a.Release();
        b.Release();
        if (change.IsEmpty)
        {
            return; // identical schemas: no migration 2 to undo
        }

        using var folder = new TempFolder();
        folder.Write("0001_from.sql", fromSql.Trim().Length == 0 ? "SELECT 1;\n" : fromSql);
        // The target and the shadow come from the scratch pool too (an explicit shadow database, emptied by
        // Tidemark before each replay): the temporary-database shadow is covered by the other migrate tests.
        var target = await ScratchDatabase.TakeAsync();
        var shadow = await ScratchDatabase.TakeAsync();
        var (db, dataSource) = (target.ConnectionString, target.DataSource);
        var options = new MigratorOptions
        {
            Directory = folder.Path,
            Shadow = new ShadowOptions { Url = shadow.ConnectionString, AllowTemporaryDatabase = false, AllowLocalCluster = false },
            DriftPolicy = DriftPolicy.Ignore,
        };
        await new Migrator(dataSource, options).MigrateAsync();
        var before = await FingerprintAsync(db);

        folder.Write("0002_change.sql", (change.Changes.Any(c => c.RequiresCommit) ? "-- tidemark:no-transaction\n" : "") + change.ToSql());
        await new Migrator(dataSource, options).MigrateAsync();
        Assert.NotEqual(before, await FingerprintAsync(db));

        var down = await new Migrator(dataSource, options).GenerateDownAsync("0002", write: false);
        if (down.Unsupported.Count > 0)
        {
            // What the differ cannot express (e.g. a column back in the middle of a table) is refused, not guessed.
            var cannot = await Assert.ThrowsAsync<RecoveryRefusedException>(() => new Migrator(dataSource, options).RollbackAsync(new RollbackRequest(Steps: 1, AllowDataLoss: true)));
            Assert.Contains("Cannot generate a down migration for 0002", cannot.Message, StringComparison.Ordinal);
            Assert.Equal(2, await TestServer.ScalarAsync<long>(db, "SELECT count(*) FROM tidemark.history"));
            target.Release();
            shadow.Release();
            return;
        }

        if (down.DataLoss.Count > 0)
        {
            var refused = await Assert.ThrowsAsync<RecoveryRefusedException>(() => new Migrator(dataSource, options).RollbackAsync(new RollbackRequest(Steps: 1)));
            Assert.Contains("--allow-data-loss", refused.NextStep, StringComparison.Ordinal);
            Assert.Equal(2, await TestServer.ScalarAsync<long>(db, "SELECT count(*) FROM tidemark.history"));
        }

        var result = await new Migrator(dataSource, options).RollbackAsync(new RollbackRequest(Steps: 1, AllowDataLoss: true));
        Assert.Equal("0001", result.ToVersion);
        Assert.True(before == await FingerprintAsync(db), "schema after the generated down differs from the schema after 0001; the down was:\n" + down.Sql);
        Assert.Equal(1, await TestServer.ScalarAsync<long>(db, "SELECT count(*) FROM tidemark.history"));
        target.Release();
        shadow.Release();
    }

    /// <summary>The schema as adoption and drift compare it (columns by name), so a column re-added at the end still counts as the same schema.</summary>
    private static async Task<string> FingerprintAsync(string db)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        var scope = SchemaScope.For(new MigratorOptions());
        return Fingerprint.Compute(scope.Apply(await new CatalogReader().ReadAsync(connection, scope.CatalogOptions, default)));
    }
}
