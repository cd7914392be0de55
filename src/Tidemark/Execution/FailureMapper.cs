using Npgsql;
using Tidemark.Sql;
using Tidemark.Sources;

namespace Tidemark.Execution;

/// <summary>Turns a server error into a <see cref="MigrationFailure"/> with the position mapped into the file.</summary>
internal static class FailureMapper
{
    public static MigrationFailure Map(
        PreparedMigration prepared,
        int statementIndex,
        Exception error,
        string databaseState,
        string nextStep)
    {
        var statement = prepared.Statements[statementIndex];
        var pg = error as PostgresException;
        var offset = statement.StartOffset;
        if (pg is not null)
        {
            if (pg.Position > 0)
            {
                offset = statement.StartOffset + CodePointsToChars(statement.Text, pg.Position - 1);
            }
            else if (pg.InternalPosition > 0 && pg.InternalQuery is { Length: > 0 } inner)
            {
                var at = statement.Text.IndexOf(inner, StringComparison.Ordinal);
                if (at >= 0)
                {
                    offset = statement.StartOffset + at + CodePointsToChars(inner, pg.InternalPosition - 1);
                }
            }
        }

        var position = prepared.Script.PositionAt(offset);
        var message = pg?.MessageText ?? error.Message;
        return new MigrationFailure(
            prepared.Migration.Version,
            prepared.Migration.Name,
            prepared.Migration.Path,
            position.Line,
            position.Column,
            prepared.Script.LineText(position.Line),
            statementIndex + 1,
            prepared.Statements.Count,
            statement.Text,
            pg?.SqlState,
            message,
            pg?.Detail,
            pg?.Hint,
            pg?.Where,
            databaseState,
            nextStep.Replace("{line}", position.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    /// <summary>PostgreSQL positions count characters (code points); .NET strings count UTF-16 units.</summary>
    private static int CodePointsToChars(string text, int codePoints)
    {
        var i = 0;
        for (var n = 0; n < codePoints && i < text.Length; n++)
        {
            i += char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
        }

        return i;
    }

    /// <summary>
    /// The index of the failing statement in a batch, given where the statements start. Npgsql
    /// only sets <see cref="NpgsqlException.BatchCommand"/> on request, so otherwise the failing
    /// command is the first one the server never completed (its StatementType is still Unknown).
    /// </summary>
    public static int? FailedIndex(NpgsqlBatch batch, PostgresException ex, int firstStatement)
    {
        var index = ex.BatchCommand is null ? -1 : batch.BatchCommands.IndexOf(ex.BatchCommand);
        if (index < 0)
        {
            for (var i = 0; i < batch.BatchCommands.Count; i++)
            {
                if (batch.BatchCommands[i].StatementType == StatementType.Unknown)
                {
                    index = i;
                    break;
                }
            }
        }

        return index < 0 ? null : index - firstStatement;
    }
}
