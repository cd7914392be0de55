using Npgsql;
using Tidemark.History;
using Tidemark.Sources;

namespace Tidemark;

// Existing databases: adoption of objects already present, foreign history import, drift gate.
// (Issue 6 fills this in.)
public sealed partial class Migrator
{
    /// <summary>
    /// Called under the migration lock with the history as read; returns the history to plan from
    /// (with adopted or imported rows added), or throws when the database must not be touched.
    /// </summary>
    private static Task<HistorySnapshot> PrepareExistingDatabaseAsync(NpgsqlConnection work, MigrationSet source, HistorySnapshot history, CancellationToken ct)
    {
        _ = work;
        _ = source;
        _ = ct;
        return Task.FromResult(history);
    }
}
