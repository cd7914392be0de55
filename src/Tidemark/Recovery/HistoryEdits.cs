using Npgsql;
using Tidemark.History;

namespace Tidemark.Recovery;

/// <summary>The history changes rollback, repair and resolve make (each in the caller's transaction when given).</summary>
internal static class HistoryEdits
{
    public static NpgsqlBatchCommand DeleteCommand(HistoryTable table, long id)
    {
        var cmd = new NpgsqlBatchCommand($"DELETE FROM {table.QualifiedName} WHERE id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        return cmd;
    }

    public static Task DeleteAsync(NpgsqlConnection connection, HistoryTable table, long id, NpgsqlTransaction? tx, CancellationToken ct) =>
        ExecAsync(connection, tx, $"DELETE FROM {table.QualifiedName} WHERE id = $1", ct, id);

    public static Task UpdateChecksumAsync(NpgsqlConnection connection, HistoryTable table, long id, string checksum, NpgsqlTransaction? tx, CancellationToken ct) =>
        ExecAsync(connection, tx, $"UPDATE {table.QualifiedName} SET checksum = $2 WHERE id = $1", ct, id, checksum);

    /// <summary>A partial row becomes applied, every statement counted as done.</summary>
    public static Task MarkAppliedAsync(NpgsqlConnection connection, HistoryTable table, long id, NpgsqlTransaction? tx, CancellationToken ct) =>
        ExecAsync(connection, tx, $"UPDATE {table.QualifiedName} SET status = 'applied', statements_done = statements_total WHERE id = $1", ct, id);

    /// <summary>An audit event in the caller's transaction (HistoryStore.AddEventAsync with the same columns).</summary>
    public static Task AddEventAsync(NpgsqlConnection connection, HistoryTable table, HistoryEvent e, NpgsqlTransaction? tx, CancellationToken ct) =>
        ExecAsync(connection, tx, table.InsertEventSql, ct, ToolInfo.Host, ToolInfo.Version, e.Kind, e.Version, e.Name, e.Message, e.Detail);

    /// <summary>Under a lease, the fence in the caller's transaction (nothing under an advisory lock): it fails, and the transaction with it, when the lease was lost.</summary>
    public static async Task FenceAsync(NpgsqlConnection connection, Locking.LeaseFence? fence, NpgsqlTransaction tx, CancellationToken ct)
    {
        if (fence is null)
        {
            return;
        }

        await using var cmd = new NpgsqlCommand(fence.Sql, connection, tx);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static async Task ExecAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct, params object?[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        foreach (var a in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = a ?? DBNull.Value });
        }

        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
