namespace Tidemark.Execution;

/// <summary>
/// A migration failed on the server. Answers: what failed (migration, file, line, column,
/// statement k of n, SQLSTATE, server message/detail/hint/where), what state the database is in
/// now (<see cref="MigrationFailure.DatabaseState"/>), and what to do next (<see cref="TidemarkException.NextStep"/>).
/// </summary>
public sealed class MigrationFailedException : TidemarkException
{
    internal MigrationFailedException(MigrationFailure failure, Exception inner)
        : base(failure.Render(), failure.NextStep, inner)
    {
        Failure = failure;
    }

    /// <summary>Every detail of the failure, for structured output.</summary>
    public MigrationFailure Failure { get; }
}

/// <summary>The facts of a failed migration.</summary>
public sealed record MigrationFailure(
    string Version,
    string Name,
    string Path,
    int Line,
    int Column,
    string SourceLine,
    int StatementNumber,
    int StatementCount,
    string Statement,
    string? SqlState,
    string ServerMessage,
    string? Detail,
    string? Hint,
    string? Where,
    string DatabaseState,
    string NextStep)
{
    /// <summary>The multi-line text people read: location, the line with a caret, server fields, state.</summary>
    public string Render()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append("Migration ").Append(Version);
        if (Name.Length > 0)
        {
            sb.Append(" (").Append(Name).Append(')');
        }

        sb.Append(" failed at ").Append(Path).Append(", line ").Append(Line).Append(", column ").Append(Column).AppendLine();
        sb.Append("  statement ").Append(StatementNumber).Append(" of ").Append(StatementCount).AppendLine();
        sb.Append("  ").Append(SqlState is null ? "" : SqlState + ": ").AppendLine(ServerMessage);
        if (SourceLine.Length > 0)
        {
            var gutter = Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var expanded = SourceLine.Replace("\t", "    ", StringComparison.Ordinal);
            var caretColumn = ExpandedColumn(SourceLine, Column);
            sb.Append("  ").Append(gutter).Append(" | ").AppendLine(expanded);
            sb.Append("  ").Append(' ', gutter.Length).Append(" | ").Append(' ', Math.Max(0, caretColumn - 1)).AppendLine("^");
        }

        if (!string.IsNullOrEmpty(Detail))
        {
            sb.Append("  detail: ").AppendLine(Detail);
        }

        if (!string.IsNullOrEmpty(Hint))
        {
            sb.Append("  hint: ").AppendLine(Hint);
        }

        if (!string.IsNullOrEmpty(Where))
        {
            sb.Append("  where: ").AppendLine(Where);
        }

        sb.Append("State: ").Append(DatabaseState);
        return sb.ToString();
    }

    private static int ExpandedColumn(string line, int column)
    {
        var result = 1;
        for (var i = 0; i < column - 1 && i < line.Length; i++)
        {
            result += line[i] == '\t' ? 4 : 1;
        }

        return result;
    }
}
