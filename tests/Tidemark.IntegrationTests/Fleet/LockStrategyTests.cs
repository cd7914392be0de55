using Npgsql;
using Tidemark.History;
using Tidemark.IntegrationTests.Runner;
using Tidemark.Locking;
using Tidemark.Recovery;

namespace Tidemark.IntegrationTests.Fleet;

/// <summary>Lease and advisory strategies on a direct connection; errors that say when another runner changed the database.</summary>
public sealed class LockStrategyTests : RunnerTestBase
{
    [Fact]
    public async Task A_runner_failing_because_another_applied_the_migration_meanwhile_says_so_instead_of_blaming_the_file()
    {
        Folder.Write("0000_init.sql", "CREATE TABLE users (id int PRIMARY KEY);\n");
        // Two runners that do not exclude each other (one advisory, one lease): the second applies 0000 while the first is about to.
        var other = CreateMigrator(new MigratorOptions { LockStrategy = LockStrategy.Lease });
        var interfered = false;
        var runner = CreateMigrator(new MigratorOptions
        {
            LockStrategy = LockStrategy.Advisory,
            OnProgress = p =>
            {
                if (p.Phase == MigrationProgressPhase.MigrationStarted && !interfered)
                {
                    interfered = true;
                    RunToCompletion(other);
                }
            },
        });

        var ex = await Assert.ThrowsAsync<ConcurrentRunException>(() => runner.MigrateAsync());
        Assert.StartsWith("Another runner applied 0000 meanwhile", ex.Message, StringComparison.Ordinal);
        Assert.Contains("42P07", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing is wrong with", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Fix line", ex.Message + ex.NextStep, StringComparison.Ordinal);
        Assert.Equal(1, await HistoryCountAsync());
        // Not recorded as a failure of the file either.
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM tidemark.history_events WHERE kind = 'failure'"));
    }

    [Fact]
    public async Task Auto_on_a_direct_connection_uses_the_advisory_lock_and_no_lease()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE a (id int);\n");
        await CreateMigrator().MigrateAsync();
        Assert.False(await ExistsAsync("tidemark.lease"));
        Assert.Equal(1, await HistoryCountAsync());
    }

    [Fact]
    public async Task The_lease_strategy_on_a_direct_connection_migrates_and_leaves_the_lease_free()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE a (id int);\n");
        Folder.Write("0002_b.sql", "CREATE TABLE b (id int);\nCREATE INDEX CONCURRENTLY b_idx ON b (id);\n");
        var result = await CreateMigrator(new MigratorOptions { LockStrategy = LockStrategy.Lease }).MigrateAsync();
        Assert.Equal(2, result.Applied.Count);
        Assert.Equal(1, await CountAsync("SELECT token FROM tidemark.lease WHERE scope = 'history' AND owner IS NULL"));
    }

    [Fact]
    public async Task A_history_write_fenced_by_a_superseded_token_fails_and_leaves_nothing()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE a (id int);\n");
        await CreateMigrator(new MigratorOptions { LockStrategy = LockStrategy.Lease }).MigrateAsync();
        var token = await CountAsync("SELECT token FROM tidemark.lease");
        // The lease is taken over by another runner: the row carries a newer token.
        await TestServer.ExecAsync(Db, "UPDATE tidemark.lease SET token = token + 1, owner = 'other', expires_at = clock_timestamp() + interval '1 minute'");
        var fence = new LeaseFence(LeaseLock.TableFor("tidemark"), "history", token);
        var store = new HistoryStore(new HistoryTable("tidemark", "history")).WithFence(fence);
        await using var conn = new NpgsqlConnection(Db);
        await conn.OpenAsync();
        var ex = await Assert.ThrowsAsync<PostgresException>(() => store.InsertAsync(conn,
            new HistoryRow("0002", "b", HistoryKinds.Versioned, "x", HistoryStatuses.Partial, 0, 1, 0), null, default));
        Assert.Equal(LeaseFence.SqlState, ex.SqlState);
        Assert.Equal("migration lease lost", ex.MessageText);
        Assert.Equal(1, await HistoryCountAsync());
    }

    [Fact]
    public async Task A_waiter_takes_the_lease_over_only_after_it_expires()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE a (id int);\n");
        await CreateMigrator(new MigratorOptions { LockStrategy = LockStrategy.Lease }).MigrateAsync();
        // A runner that died holding the lease, 10 seconds left.
        await TestServer.ExecAsync(Db, "UPDATE tidemark.lease SET owner = 'dead', owner_pid = 4242, expires_at = clock_timestamp() + interval '10 seconds'");
        var deadUntil = await TestServer.ScalarAsync<DateTime>(Db, "SELECT expires_at FROM tidemark.lease");
        Folder.Write("0002_b.sql", "CREATE TABLE b (id int);\n");
        LockHolder? seen = null;
        var result = await CreateMigrator(new MigratorOptions
        {
            LockStrategy = LockStrategy.Lease,
            OnProgress = p => seen ??= p.LockHolder,
        }).MigrateAsync();
        Assert.Single(result.Applied);
        Assert.Equal(4242, seen?.Pid);
        Assert.True(await TestServer.ScalarAsync<DateTime>(Db, "SELECT acquired_at FROM tidemark.lease") >= deadUntil, "taken over before the dead runner's lease expired");
        Assert.True(result.LockWait > TimeSpan.Zero);
    }

    [Fact]
    public async Task Rollback_repair_and_resolve_under_a_lease_taken_over_mid_command_write_nothing()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE a (id int);\n");
        Folder.Write("0002_b.sql", "CREATE TABLE b (id int);\n");
        Folder.Write("0002_b.down.sql", "DROP TABLE b;\n");
        var lease = new MigratorOptions { LockStrategy = LockStrategy.Lease };
        await CreateMigrator(lease).MigrateAsync();
        // Another runner takes the lease over while each command writes the history: a trigger on the history
        // table moves the lease row to a newer token inside the command's own transaction, just before its fence.
        await TestServer.ExecAsync(Db, """
            CREATE FUNCTION public.take_over() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              UPDATE tidemark.lease SET token = token + 1, owner = 'other', expires_at = clock_timestamp() + interval '1 minute';
              RETURN coalesce(NEW, OLD);
            END $$;
            CREATE TRIGGER take_over BEFORE INSERT OR UPDATE OR DELETE ON tidemark.history FOR EACH ROW EXECUTE FUNCTION public.take_over();
            """);

        var rollback = await Assert.ThrowsAsync<LeaseLostException>(() => CreateMigrator(lease).RollbackAsync(new RollbackRequest(Steps: 1)));
        Assert.Contains("lost its migration lease", rollback.Message, StringComparison.Ordinal);
        Assert.True(await ExistsAsync("b"), "the down ran although its history change could not commit");
        await Assert.ThrowsAsync<LeaseLostException>(() => CreateMigrator(lease).ResolveAsync("0002", applied: false));
        Assert.Equal(2, await HistoryCountAsync());

        Folder.Write("0001_a.sql", "CREATE TABLE a (id int); -- edited\n");
        var checksum = await TestServer.ScalarAsync<string>(Db, "SELECT checksum FROM tidemark.history WHERE version = '0001'");
        await Assert.ThrowsAsync<LeaseLostException>(() => CreateMigrator(lease).RepairAsync());
        Assert.Equal(checksum, await TestServer.ScalarAsync<string>(Db, "SELECT checksum FROM tidemark.history WHERE version = '0001'"));

        // The same commands with the lease kept go through: it was the fence that stopped them.
        await TestServer.ExecAsync(Db, "DROP TRIGGER take_over ON tidemark.history");
        Assert.Single((await CreateMigrator(lease).RepairAsync()).Checksums);
        Assert.Single((await CreateMigrator(lease).RollbackAsync(new RollbackRequest(Steps: 1))).Steps);
        Assert.False(await ExistsAsync("b"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM tidemark.lease WHERE owner IS NULL"));
    }

    private static void RunToCompletion(Migrator migrator) =>
        Task.Run(() => migrator.MigrateAsync()).GetAwaiter().GetResult();
}
