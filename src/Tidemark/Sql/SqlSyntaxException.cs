namespace Tidemark.Sql;

/// <summary>The lexer could not make sense of a script: an unterminated quote, a psql meta-command, ...</summary>
public sealed class SqlSyntaxException : TidemarkException
{
    public SqlSyntaxException(string sourceName, int line, int column, string problem, string? nextStep = null)
        : base($"{sourceName}: line {line}, column {column}: {problem}", nextStep)
    {
        SourceName = sourceName;
        Line = line;
        Column = column;
        Problem = problem;
    }

    public string SourceName { get; }

    public int Line { get; }

    public int Column { get; }

    public string Problem { get; }
}
