using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tidemark.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using Tidemark.Reconciliation;

namespace Tidemark.IntegrationTests.Existing;

/// <summary>
/// Adoption of a 200-migration history on an existing database, with and without an integrity file.
/// The speed target (≤ 10 s) is measured by the benchmark harness (<c>bench/run.sh --scenarios adopt</c>,
/// figures in bench/README.md); these tests check the outcome and guard only against a pathological
/// slowdown (a minute), so that a loaded CI machine does not fail them.
/// </summary>
[Collection("Existing")]
public sealed class AdoptionSpeedTests(ITestOutputHelper output) : ExistingTestBase
{
    private const int Count = 200;
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    private async Task WriteAndPushAsync()
    {
        var all = new StringBuilder();
        for (var i = 1; i <= Count; i++)
        {
            var sql = string.Create(CultureInfo.InvariantCulture,
                $"CREATE TABLE t{i:000} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());\nCREATE INDEX t{i:000}_name_idx ON t{i:000} (name);\n");
            Folder.Write(string.Create(CultureInfo.InvariantCulture, $"{i:0000}_t{i:000}.sql"), sql);
            all.Append(sql);
        }

        await SqlAsync(all.ToString());
    }

    [Fact]
    public async Task Adopting_200_migrations_by_shadow_replay_adopts_each_in_well_under_a_minute()
    {
        await WriteAndPushAsync();
        var clock = Stopwatch.StartNew();
        var result = await CreateMigrator().MigrateAsync();
        clock.Stop();

        output.WriteLine($"adoption of {Count} migrations with shadow replay (temporary database): {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(Count, result.Adopted.Count);
        Assert.Empty(result.Applied);
        Assert.True(clock.Elapsed < Guard, $"took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task Adopting_200_migrations_with_an_integrity_file_takes_one_catalog_read()
    {
        await WriteAndPushAsync();
        var hashClock = Stopwatch.StartNew();
        await Migrator.HashAsync(new MigratorOptions { Directory = Folder.Path }, Db);
        hashClock.Stop();

        var clock = Stopwatch.StartNew();
        var result = await CreateMigrator(new MigratorOptions { Shadow = NoShadow }).MigrateAsync();
        clock.Stop();

        output.WriteLine($"tidemark hash of {Count} migrations: {hashClock.Elapsed.TotalMilliseconds:0} ms; adoption with the integrity file: {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(Count, result.Adopted.Count);
        Assert.Equal(Count, await TestServer.ScalarAsync<long>(Db, "SELECT count(*) FROM tidemark.history WHERE kind = 'adopted' AND fingerprint IS NOT NULL"));
        Assert.True(clock.Elapsed < Guard, $"took {clock.Elapsed.TotalSeconds:0.0} s");
    }
}
