using Npgsql;
using Tidemark.Shadow;
using Tidemark.Sql;

namespace Tidemark.Lint;

/// <summary>
/// <c>--trace</c>: replays the migrations in a shadow database the way Tidemark runs them and, for each
/// statement of a reported migration, reads the session's relation locks (<c>pg_locks</c>, locks are
/// held to the end of the transaction, so a lock not held before the statement was taken by it) and
/// every relation's <c>relfilenode</c> before and after (a new file means a rewrite). Only relations
/// that existed before the migration are judged, like the static rules. A statement PostgreSQL runs
/// outside a transaction (CONCURRENTLY, VACUUM) holds its locks only while it runs, so for those only
/// rewrites are compared. A statement outside the file's transaction is wrapped in one of its own.
/// </summary>
internal static class LockTracer
{
    private const string RelationsQuery = """
        SELECT c.oid::int8, n.nspname || '.' || c.relname, c.relkind::text, c.relfilenode::int8,
               coalesce((SELECT i.indrelid::int8 FROM pg_index i WHERE i.indexrelid = c.oid), 0)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
          AND c.relkind IN ('r', 'p', 'm', 'v', 'f', 'i', 'S')
        """;

    private const string LocksQuery = "SELECT relation::int8, mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND granted";

    private sealed record Relation(long Oid, string Name, string Kind, long FileNode, long IndexOf);

    public static async Task<(List<TracedStatement> Trace, string Shadow)> TraceAsync(
        ShadowOptions options, string target, IReadOnlyList<LintInput> inputs, IReadOnlyList<AnalyzedStatement> analyzed, CancellationToken ct)
    {
        await using var shadow = await ShadowDatabase.CreateAsync(options, target, ct).ConfigureAwait(false);
        await using var connection = await shadow.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var trace = new List<TracedStatement>();
        var byInput = analyzed.GroupBy(a => a.Input).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var input in inputs)
        {
            if (!byInput.TryGetValue(input, out var statements))
            {
                // Applied (or unreported) migrations only build the schema.
                await ExecAsync(connection, input.Sql, ct).ConfigureAwait(false);
                continue;
            }

            var before = await RelationsAsync(connection, ct).ConfigureAwait(false);
            var transactional = statements.Count > 0 && statements[0].Transactional && !statements.Any(s => s.Statement.RequiresNoTransaction);
            if (transactional)
            {
                await ExecAsync(connection, "BEGIN", ct).ConfigureAwait(false);
            }

            var inExplicit = false;
            foreach (var s in statements)
            {
                var wrap = !transactional && !inExplicit && !s.Statement.RequiresNoTransaction && !s.Statement.IsTransactionControl;
                if (wrap)
                {
                    await ExecAsync(connection, "BEGIN", ct).ConfigureAwait(false);
                }

                var locksBefore = await LocksAsync(connection, ct).ConfigureAwait(false);
                var filesBefore = await RelationsAsync(connection, ct).ConfigureAwait(false);
                try
                {
                    await ExecAsync(connection, s.Statement.Text, ct).ConfigureAwait(false);
                }
                catch (PostgresException ex)
                {
                    trace.Add(Compare(s, [], [], $"failed in the shadow database: {ex.SqlState} {ex.MessageText}", observable: false) with { Agrees = false });
                    await ExecAsync(connection, "ROLLBACK", ct).ConfigureAwait(false);
                    return (trace, shadow.Description);
                }

                var locksAfter = await LocksAsync(connection, ct).ConfigureAwait(false);
                var filesAfter = await RelationsAsync(connection, ct).ConfigureAwait(false);
                if (s.Statement.IsTransactionControl)
                {
                    inExplicit = s.Statement.Keyword.StartsWith("BEGIN", StringComparison.Ordinal) || s.Statement.Keyword.StartsWith("START", StringComparison.Ordinal);
                }

                var observable = !s.Statement.RequiresNoTransaction;
                var locks = new Dictionary<string, LockMode>(StringComparer.Ordinal);
                foreach (var (oid, mode) in locksAfter.Except(locksBefore))
                {
                    if (before.TryGetValue(oid, out var rel) && rel.Kind is "r" or "p" or "m" or "v" or "f")
                    {
                        var m = LockModes.FromPgLocks(mode);
                        if (!locks.TryGetValue(rel.Name, out var held) || held < m)
                        {
                            locks[rel.Name] = m;
                        }
                    }
                }

                // A mode the session already holds is not requested again, so pg_locks shows no new row:
                // count a predicted lock as observed when the session holds exactly that mode afterwards.
                string? heldNote = null;
                foreach (var (table, mode) in s.Effect.Locks)
                {
                    var heldBefore = locksBefore.Any(l => before.TryGetValue(l.Oid, out var r) && r.Name == table && LockModes.FromPgLocks(l.Mode) == mode);
                    if (observable && heldBefore && (!locks.TryGetValue(table, out var got) || got < mode))
                    {
                        locks[table] = mode;
                        heldNote = "already held from an earlier statement of the transaction";
                    }
                }

                var rewrites = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (oid, rel) in before)
                {
                    if (rel.Kind is "r" or "p" or "m" && filesBefore.TryGetValue(oid, out var was) && filesAfter.TryGetValue(oid, out var now) && was.FileNode != now.FileNode)
                    {
                        rewrites.Add(rel.Name);
                    }
                }

                trace.Add(Compare(s, locks, rewrites, observable ? heldNote : "runs outside a transaction: its locks are released before they can be read; rewrites compared", observable));
                if (wrap)
                {
                    await ExecAsync(connection, "COMMIT", ct).ConfigureAwait(false);
                }
            }

            if (transactional)
            {
                await ExecAsync(connection, "COMMIT", ct).ConfigureAwait(false);
            }
        }

        return (trace, shadow.Description);
    }

    private static TracedStatement Compare(AnalyzedStatement s, Dictionary<string, LockMode> observed, HashSet<string> rewrites, string? note, bool observable)
    {
        var predicted = s.Effect.Locks.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => new TableLock(l.Key, l.Value)).ToList();
        var seen = observed.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => new TableLock(l.Key, l.Value)).ToList();
        var agrees = s.Effect.Rewrites.SetEquals(rewrites);
        if (observable)
        {
            agrees &= predicted.All(p => observed.TryGetValue(p.Table, out var m) && m == p.Mode);
            agrees &= s.Effect.OpenEnded is not null || seen.All(o => s.Effect.Locks.ContainsKey(o.Table) || o.Mode < LockMode.ShareUpdateExclusive);
        }

        var at = s.Script.PositionAt(s.Statement.StartOffset);
        var text = s.Statement.Text.Length > 200 ? s.Statement.Text[..200] + "…" : s.Statement.Text;
        return new TracedStatement(s.Input.Path, at.Line, at.Column, text, predicted, seen,
            [.. s.Effect.Rewrites.Order(StringComparer.Ordinal)], [.. rewrites.Order(StringComparer.Ordinal)], agrees,
            s.Effect.OpenEnded is { } open ? (note is null ? open : $"{note}; {open}") : note);
    }

    private static async Task<Dictionary<long, Relation>> RelationsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var map = new Dictionary<long, Relation>();
        await using var cmd = new NpgsqlCommand(RelationsQuery, connection);
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var oid = reader.GetInt64(0);
            map[oid] = new Relation(oid, reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4));
        }

        return map;
    }

    private static async Task<HashSet<(long Oid, string Mode)>> LocksAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var set = new HashSet<(long Oid, string Mode)>();
        await using var cmd = new NpgsqlCommand(LocksQuery, connection);
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            set.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return set;
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
