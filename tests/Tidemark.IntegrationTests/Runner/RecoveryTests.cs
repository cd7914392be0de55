using Npgsql;
using Tidemark.Execution;
using Tidemark.IntegrationTests.Infrastructure;

namespace Tidemark.IntegrationTests.Runner;

/// <summary>Failure records and lock safety (issue 7, items 5 and 6).</summary>
public sealed class RecoveryTests : RunnerTestBase
{
    [Fact]
    public async Task Failed_migration_leaves_one_failure_record_shown_by_status_until_a_later_success()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE a (id int);\nSELECT 1/0;\n");
        await Assert.ThrowsAsync<MigrationFailedException>(() => CreateMigrator().MigrateAsync());
        Assert.False(await ExistsAsync("a"));
        Assert.Equal(0, await HistoryCountAsync());
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM tidemark.history_events WHERE kind = 'failure' AND version = '0001'"));
        Assert.Equal("SELECT 1/0", await TestServer.ScalarAsync<string>(Db, "SELECT detail FROM tidemark.history_events"));

        var status = await CreateMigrator().StatusAsync();
        Assert.NotNull(status.LastFailure);
        Assert.Contains("22012", status.LastFailure!.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", status.LastFailure.Message, StringComparison.Ordinal);

        Folder.Write("0001_a.sql", "CREATE TABLE a (id int);\n");
        await CreateMigrator().MigrateAsync();
        Assert.Null((await CreateMigrator().StatusAsync()).LastFailure);
    }

    [Fact]
    public async Task Table_locked_for_two_seconds_the_migration_succeeds_on_a_retry()
    {
        await TestServer.ExecAsync(Db, "CREATE TABLE busy (id int)");
        Folder.Write("0001_alter.sql", "ALTER TABLE busy ADD COLUMN note text;\n");
        await using var blocker = new NpgsqlConnection(Db);
        await blocker.OpenAsync();
        var tx = await blocker.BeginTransactionAsync();
        await new NpgsqlCommand("LOCK TABLE busy IN ACCESS SHARE MODE", blocker, tx).ExecuteNonQueryAsync();
        var release = Task.Delay(2000).ContinueWith(_ => tx.Rollback(), TaskScheduler.Default);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await CreateMigrator(new MigratorOptions { LockTimeout = TimeSpan.FromMilliseconds(300), LockAttempts = 10 }).MigrateAsync();
        await release;
        Assert.Single(result.Applied);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"finished in {clock.Elapsed} although the table was locked for 2 s");
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM information_schema.columns WHERE table_name = 'busy' AND column_name = 'note'"));
    }

    [Fact]
    public async Task Table_locked_indefinitely_fails_after_the_attempts_naming_the_blocker_and_applies_nothing()
    {
        await TestServer.ExecAsync(Db, "CREATE TABLE busy (id int)");
        Folder.Write("0001_first.sql", "CREATE TABLE first_one (id int);\n");
        Folder.Write("0002_alter.sql", "CREATE TABLE side (id int);\nALTER TABLE busy ADD COLUMN note text;\n");
        await using var blocker = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Db) { ApplicationName = "long-report" }.ConnectionString);
        await blocker.OpenAsync();
        await using var tx = await blocker.BeginTransactionAsync();
        await new NpgsqlCommand("LOCK TABLE busy IN ACCESS SHARE MODE", blocker, tx).ExecuteNonQueryAsync();

        var ex = await Assert.ThrowsAsync<MigrationFailedException>(() =>
            CreateMigrator(new MigratorOptions { LockTimeout = TimeSpan.FromMilliseconds(200), LockAttempts = 3 }).MigrateAsync());
        Assert.Equal("55P03", ex.Failure.SqlState);
        Assert.Equal("0002", ex.Failure.Version);
        Assert.Equal(2, ex.Failure.Line);
        Assert.Contains($"pid {blocker.ProcessID}", ex.Failure.Detail, StringComparison.Ordinal);
        Assert.Contains("long-report", ex.Failure.Detail, StringComparison.Ordinal);
        Assert.Contains("gave up after 3 attempts", ex.Failure.Detail, StringComparison.Ordinal);
        Assert.Contains($"pg_terminate_backend({blocker.ProcessID})", ex.NextStep, StringComparison.Ordinal);
        Assert.False(await ExistsAsync("side"));
        Assert.Equal(1, await HistoryCountAsync());
    }
}
