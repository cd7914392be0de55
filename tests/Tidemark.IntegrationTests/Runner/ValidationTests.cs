using Tidemark.Planning;

namespace Tidemark.IntegrationTests.Runner;

public sealed class ValidationTests : RunnerTestBase
{
    [Fact]
    public async Task Edited_applied_file_is_refused_naming_the_file()
    {
        var path = Folder.Write("0001_a.sql", "CREATE TABLE a (id int);\n");
        await CreateMigrator().MigrateAsync();
        Folder.Write("0001_a.sql", "CREATE TABLE a (id bigint);\n");
        Folder.Write("0002_b.sql", "CREATE TABLE b (id int);\n");

        var ex = await Assert.ThrowsAsync<MigrationValidationException>(() => CreateMigrator().MigrateAsync());
        var problem = Assert.Single(ex.Problems);
        Assert.Equal(ProblemKind.ChecksumChanged, problem.Kind);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("edited after it was applied", ex.Message, StringComparison.Ordinal);
        Assert.False(await ExistsAsync("b"));

        var status = await CreateMigrator().StatusAsync();
        Assert.Equal(MigrationStateKind.Changed, status.Migrations.Single(m => m.Version == "0001").State);
    }

    [Fact]
    public async Task Deleted_applied_file_is_refused_naming_the_migration()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE a (id int);\n");
        Folder.Write("0002_b.sql", "CREATE TABLE b (id int);\n");
        await CreateMigrator().MigrateAsync();
        Folder.Delete("0001_a.sql");

        var ex = await Assert.ThrowsAsync<MigrationValidationException>(() => CreateMigrator().MigrateAsync());
        var problem = Assert.Single(ex.Problems);
        Assert.Equal(ProblemKind.Missing, problem.Kind);
        // History rows record the file's path (format 2), so the message names the file that went missing.
        Assert.Contains("0001_a.sql (migration 0001) was applied on", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no longer in", ex.Message, StringComparison.Ordinal);
        var status = await CreateMigrator().StatusAsync();
        Assert.Contains(status.Migrations, m => m.Version == "0001" && m.State == MigrationStateKind.Missing);
    }

    [Fact]
    public async Task Out_of_order_file_is_refused_unless_allowed()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE a (id int);\n");
        Folder.Write("0003_c.sql", "CREATE TABLE c (id int);\n");
        await CreateMigrator().MigrateAsync();
        var late = Folder.Write("0002_b.sql", "CREATE TABLE b (id int);\n");

        var ex = await Assert.ThrowsAsync<MigrationValidationException>(() => CreateMigrator().MigrateAsync());
        Assert.Equal(ProblemKind.OutOfOrder, Assert.Single(ex.Problems).Kind);
        Assert.Contains(late, ex.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-out-of-order", ex.Message, StringComparison.Ordinal);
        Assert.False(await ExistsAsync("b"));

        var allowed = await CreateMigrator(new MigratorOptions { AllowOutOfOrder = true }).MigrateAsync();
        Assert.Equal("0002", Assert.Single(allowed.Applied).Version);
        Assert.True(await ExistsAsync("b"));
    }

    [Fact]
    public async Task Plan_lists_pending_steps_with_reasons_and_changes_nothing()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE a (id int);\nCREATE TABLE a2 (id int);\n");
        Folder.Write("0002_idx.sql", "CREATE INDEX CONCURRENTLY a_idx ON a (id);\n");
        var plan = await CreateMigrator().PlanAsync();
        Assert.Equal(2, plan.Steps.Count);
        Assert.Equal(2, plan.Steps[0].Statements);
        Assert.True(plan.Steps[0].Transactional);
        Assert.False(plan.Steps[1].Transactional);
        Assert.All(plan.Steps, s => Assert.Equal(StepAction.Apply, s.Action));
        Assert.False(await ExistsAsync("a"));
    }
}
