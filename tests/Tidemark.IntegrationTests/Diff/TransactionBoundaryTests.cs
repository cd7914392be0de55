using Npgsql;
using Tidemark.Diff;
using Tidemark.IntegrationTests.Infrastructure;

namespace Tidemark.IntegrationTests.Diff;

/// <summary>
/// <see cref="SchemaChange.RequiresCommit"/> is exactly what a transactional runner needs: the diff that adds an
/// enum label and uses it fails in one transaction, and succeeds when committed after the flagged statements.
/// </summary>
public sealed class TransactionBoundaryTests
{
    private const string From = "CREATE TYPE st AS ENUM ('a', 'b'); CREATE TABLE t (id int PRIMARY KEY);";
    private const string To = "CREATE TYPE st AS ENUM ('a', 'b', 'c'); CREATE TABLE t (id int PRIMARY KEY, s st NOT NULL DEFAULT 'c');";

    [Fact]
    public async Task Added_enum_label_is_usable_only_after_the_flagged_commit()
    {
        var diff = SchemaDiffer.Diff(
            await CorpusDatabase.ReadAsync(await CorpusDatabase.CreateAsync("dft", From)),
            await CorpusDatabase.ReadAsync(await CorpusDatabase.CreateAsync("dft", To)));
        var flagged = Assert.Single(diff.Changes, c => c.RequiresCommit);
        Assert.StartsWith("ALTER TYPE public.st ADD VALUE 'c'", flagged.Sql, StringComparison.Ordinal);

        var single = await CorpusDatabase.CreateAsync("dft", From);
        var ex = await Assert.ThrowsAsync<PostgresException>(() => ApplyAsync(single, diff, honourCommits: false));
        Assert.Equal("55P04", ex.SqlState); // unsafe use of new value of enum type

        var split = await CorpusDatabase.CreateAsync("dft", From);
        await ApplyAsync(split, diff, honourCommits: true);
        Assert.True(SchemaDiffer.Diff(await CorpusDatabase.ReadAsync(split), await CorpusDatabase.ReadAsync(await CorpusDatabase.CreateAsync("dft", To))).IsEmpty);
    }

    private static async Task ApplyAsync(string db, SchemaDiff diff, bool honourCommits)
    {
        await using var conn = new NpgsqlConnection(db);
        await conn.OpenAsync();
        var tx = await conn.BeginTransactionAsync();
        foreach (var change in diff.Changes)
        {
            await using (var cmd = new NpgsqlCommand(change.Sql, conn, tx))
            {
                await cmd.ExecuteNonQueryAsync();
            }

            if (honourCommits && change.RequiresCommit)
            {
                await tx.CommitAsync();
                await tx.DisposeAsync();
                tx = await conn.BeginTransactionAsync();
            }
        }

        await tx.CommitAsync();
        await tx.DisposeAsync();
    }
}
