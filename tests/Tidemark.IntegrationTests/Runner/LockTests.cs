using Npgsql;
using Tidemark.IntegrationTests.Infrastructure;
using Tidemark.Locking;

namespace Tidemark.IntegrationTests.Runner;

public sealed class LockTests : RunnerTestBase
{
    [Fact]
    public async Task Lock_timeout_names_the_holder()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE a (id int);\n");
        await using var holder = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Db) { ApplicationName = "stuck-deployer" }.ConnectionString);
        await holder.OpenAsync();
        await using (var cmd = new NpgsqlCommand("SELECT pg_advisory_lock($1)", holder))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = MigrationLock.KeyFor("tidemark", "history") });
            await cmd.ExecuteNonQueryAsync();
        }

        var events = new List<MigrationProgress>();
        var ex = await Assert.ThrowsAsync<LockTimeoutException>(() => CreateMigrator(new MigratorOptions
        {
            LockWaitTimeout = TimeSpan.FromSeconds(1),
            OnProgress = events.Add,
        }).MigrateAsync());
        Assert.Equal(holder.ProcessID, ex.Holder!.Pid);
        Assert.Contains("stuck-deployer", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"pg_terminate_backend({holder.ProcessID})", ex.NextStep, StringComparison.Ordinal);
        Assert.Contains(events, e => e.Phase == MigrationProgressPhase.WaitingForLock && e.LockHolder?.Pid == holder.ProcessID);
        Assert.False(await ExistsAsync("a"));
    }

    [Fact]
    public async Task Waiter_wakes_promptly_when_the_leader_releases()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE a (id int);\n");
        var key = MigrationLock.KeyFor("tidemark", "history");
        await using var holder = new NpgsqlConnection(Db);
        await holder.OpenAsync();
        await using (var cmd = new NpgsqlCommand("SELECT pg_advisory_lock($1)", holder))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = key });
            await cmd.ExecuteNonQueryAsync();
        }

        // The wake-up is timed to the LockAcquired event, not to the end of the run: planning and
        // applying afterwards take longer on a loaded machine and are not what this test measures.
        var released = System.Diagnostics.Stopwatch.StartNew();
        long? acquiredAfterRelease = null;
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = CreateMigrator(new MigratorOptions
        {
            OnProgress = e =>
            {
                if (e.Phase == MigrationProgressPhase.WaitingForLock)
                {
                    waiting.TrySetResult();
                }
                else if (e.Phase == MigrationProgressPhase.LockAcquired)
                {
                    acquiredAfterRelease = released.ElapsedMilliseconds;
                }
            },
        }).MigrateAsync();
        // The wait is counted from when the runner says it waits: on a loaded machine, opening its connection alone
        // can take a good part of a second.
        await waiting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(1500);
        Assert.False(run.IsCompleted);
        await using (var cmd = new NpgsqlCommand($"SELECT pg_advisory_unlock({key}); NOTIFY {MigrationLock.ChannelFor(key)}", holder))
        {
            released.Restart();
            await cmd.ExecuteNonQueryAsync();
        }

        var result = await run;
        Assert.NotNull(acquiredAfterRelease);
        Assert.True(acquiredAfterRelease < 1000, $"waiter took the lock {acquiredAfterRelease} ms after release");
        Assert.Single(result.Applied);
        Assert.True(result.LockWait >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Leader_running_create_index_concurrently_while_four_followers_wait_does_not_deadlock()
    {
        await TestServer.ExecAsync(Db, "CREATE TABLE big (id int, v text); INSERT INTO big SELECT g, md5(g::text) FROM generate_series(1, 300000) g;");
        Folder.Write("0001_idx.sql", "CREATE INDEX CONCURRENTLY big_v_idx ON big (v);\nCREATE INDEX CONCURRENTLY big_id_idx ON big (id);\n");
        Folder.Write("0002_more.sql", "CREATE TABLE after_idx (id int);\n");

        var runs = Enumerable.Range(0, 5).Select(_ => Task.Run(() => CreateMigrator(new MigratorOptions { LockWaitTimeout = TimeSpan.FromSeconds(60) }).MigrateAsync())).ToArray();
        var all = Task.WhenAll(runs);
        var finished = await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(90)));
        Assert.Same(all, finished);
        var results = await all;
        Assert.Equal(2, results.Sum(r => r.Applied.Count));
        Assert.Equal(2, await HistoryCountAsync());
        Assert.True(await TestServer.ScalarAsync<bool>(Db, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'big_v_idx'::regclass"));
    }

    [Fact]
    public async Task Waiters_whose_work_the_leader_did_leave_without_taking_the_lock_in_turn()
    {
        Folder.Write("0001_slow.sql", "CREATE TABLE a (id int);\nSELECT pg_sleep(2.5);\n");
        var leaderEvents = new System.Collections.Concurrent.ConcurrentQueue<MigrationProgress>();
        var leader = Task.Run(() => CreateMigrator(new MigratorOptions { OnProgress = leaderEvents.Enqueue }).MigrateAsync());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!leaderEvents.Any(e => e.Phase == MigrationProgressPhase.LockAcquired) && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }

        var waiterEvents = Enumerable.Range(0, 4).Select(_ => new System.Collections.Concurrent.ConcurrentQueue<MigrationProgress>()).ToArray();
        var waiters = waiterEvents.Select(events => Task.Run(() => CreateMigrator(new MigratorOptions
        {
            LockWaitTimeout = TimeSpan.FromSeconds(30),
            OnProgress = events.Enqueue,
        }).MigrateAsync())).ToArray();

        Assert.Single((await leader).Applied);
        var results = await Task.WhenAll(waiters);
        Assert.All(results, r => Assert.Empty(r.Applied));
        Assert.All(results, r => Assert.Equal("0001", r.CurrentVersion));
        Assert.All(waiterEvents, events => Assert.Contains(events, e => e.Phase == MigrationProgressPhase.WaitingForLock));
        // Before, each waiter took the lock after the leader, one after another, only to find nothing to do. Now the
        // NOTIFY sends them to the history instead; one whose poll timer fires first may still win the free lock (and
        // finds the work done under it), so at most one takes it.
        var tookTheLock = waiterEvents.Count(events => events.Any(e => e.Phase == MigrationProgressPhase.LockAcquired));
        Assert.True(tookTheLock <= 1, $"{tookTheLock} of 4 waiters took the lock after the leader");
        Assert.All(results, r => Assert.True(r.LockWait > TimeSpan.Zero, $"waited {r.LockWait}"));
        Assert.Equal(1, await HistoryCountAsync());
    }
}
