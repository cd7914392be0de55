using System.Diagnostics;
using Tidemark.IntegrationTests.Infrastructure;
using Tidemark.IntegrationTests.Runner;
using Xunit.Abstractions;

namespace Tidemark.IntegrationTests.Recovery;

/// <summary>
/// kill -9 of the CLI at random moments during a non-transactional migration with CREATE INDEX
/// CONCURRENTLY: the rerun converges every time, no INVALID index remains, each statement's effect
/// exists exactly once (issue 7, item 3 acceptance).
/// </summary>
public sealed class KillResumeTests(ITestOutputHelper output) : RunnerTestBase
{
    private const int Trials = 20;

    private const string Migration =
        "CREATE INDEX CONCURRENTLY big_a_idx ON big (a);\n" +
        "ALTER TYPE mood ADD VALUE 'b';\n" +
        "CREATE INDEX CONCURRENTLY big_b_idx ON big (b);\n" +
        "CREATE TABLE side (id int PRIMARY KEY, note text NOT NULL);\n" +
        "CREATE UNIQUE INDEX CONCURRENTLY big_id_uq ON big (id);\n";

    private async Task ResetAsync()
    {
        // A killed run's statement may still be finishing on the server; wait for it to go.
        var clock = Stopwatch.StartNew();
        while (await CountAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = 'tidemark'") > 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "a killed runner's session did not end");
            await Task.Delay(50);
        }

        await TestServer.ExecAsync(Db,
            "DROP INDEX IF EXISTS big_a_idx, big_b_idx, big_id_uq; DROP TABLE IF EXISTS side; DROP TYPE IF EXISTS mood; CREATE TYPE mood AS ENUM ('a'); " +
            "DELETE FROM tidemark.history WHERE version = '0002'");
    }

    [Fact]
    public async Task Kill_9_at_random_moments_during_concurrent_index_builds_always_converges()
    {
        var total = Stopwatch.StartNew();
        await TestServer.ExecAsync(Db,
            "CREATE TABLE big (id int, a int, b int); " +
            "INSERT INTO big SELECT g, (g::bigint * 7919) % 1000003, (g::bigint * 104729) % 999983 FROM generate_series(1, 400000) g; " +
            "CREATE TYPE mood AS ENUM ('a')");
        await TestServer.ExecAsync(Db, "VACUUM ANALYZE big");
        Folder.Write("0001_base.sql", "CREATE TABLE base (id int);\n");
        Folder.Write("0002_indexes.sql", Migration);
        await CreateMigrator().MigrateAsync();

        // One uninterrupted CLI run tells how long a run takes here.
        await ResetAsync();
        var warm = Stopwatch.StartNew();
        var full = await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Db);
        var runTime = warm.Elapsed;
        Assert.True(full.ExitCode == 0, full.All);
        output.WriteLine($"uninterrupted CLI run: {runTime.TotalMilliseconds:0} ms");

        var random = new Random(20261130);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var trial = 1; trial <= Trials; trial++)
        {
            await ResetAsync();
            // Odd trials: a random moment of the whole run. Even trials: a random moment after an index build started.
            var duringBuild = trial % 2 == 0;
            var delay = TimeSpan.FromMilliseconds(duringBuild ? random.Next(0, 700) : random.Next(150, (int)Math.Max(300, runTime.TotalMilliseconds * 0.95)));
            using (var p = CliProcess.Start("migrate", "--dir", Folder.Path, "--url", Db))
            {
                var clock = Stopwatch.StartNew();
                while (duringBuild && clock.Elapsed < TimeSpan.FromSeconds(10) && !await TestServer.ScalarAsync<bool>(Db,
                           "SELECT EXISTS (SELECT FROM pg_stat_activity WHERE application_name = 'tidemark' AND state = 'active' AND query LIKE 'CREATE %INDEX CONCURRENTLY%')"))
                {
                    await Task.Delay(10);
                }

                await Task.Delay(delay);
                p.Kill(entireProcessTree: true);
                await p.WaitForExitAsync();
            }

            var before = await TestServer.ScalarAsync<string>(Db,
                "SELECT coalesce((SELECT status || ' ' || statements_done FROM tidemark.history WHERE version = '0002'), 'no row')");
            var rerun = await CreateMigrator().MigrateAsync();
            var notes = rerun.Applied.SelectMany(a => a.Notes).ToList();
            var kind = notes.Count == 0 ? "no check needed" : Classify(notes[0]);
            outcomes[kind] = outcomes.GetValueOrDefault(kind) + 1;
            output.WriteLine($"trial {trial,2}: killed {delay.TotalMilliseconds,4:0} ms after {(duringBuild ? "a build started" : "start")}; history: {before}; rerun: {(notes.Count == 0 ? "-" : notes[0])}");

            Assert.Equal(1, await CountAsync("SELECT count(*) FROM tidemark.history WHERE version = '0002' AND status = 'applied' AND statements_done = 5"));
            Assert.Equal(0, await CountAsync("SELECT count(*) FROM pg_index WHERE indrelid = 'big'::regclass AND NOT (indisvalid AND indisready)"));
            Assert.Equal("big_a_idx,big_b_idx,big_id_uq", await TestServer.ScalarAsync<string>(Db,
                "SELECT string_agg(c.relname, ',' ORDER BY c.relname) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'big'::regclass"));
            Assert.Equal("a,b", await TestServer.ScalarAsync<string>(Db, "SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 'mood'::regtype"));
            Assert.Equal(1, await CountAsync("SELECT count(*) FROM pg_class WHERE relname = 'side'"));
        }

        output.WriteLine($"{Trials} trials in {total.Elapsed.TotalSeconds:0.0} s: " + string.Join(", ", outcomes.Select(o => $"{o.Key}: {o.Value}")));
        Assert.True(total.Elapsed < TimeSpan.FromSeconds(120), $"took {total.Elapsed}");
    }

    private static string Classify(string note) =>
        note.Contains("INVALID", StringComparison.Ordinal) ? "invalid index dropped and rebuilt"
        : note.Contains("already", StringComparison.Ordinal) ? "effect found, skipped"
        : note.Contains("does not", StringComparison.Ordinal) ? "nothing found, ran"
        : "other";
}
