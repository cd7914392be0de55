namespace Tidemark.Sql;

/// <summary>The lexer could not make sense of a script: an unterminated quote, a psql meta-command, ...</summary>
public sealed class SqlSyntaxException : TidemarkException
{
    /// <summary>The script <paramref name="sourceName"/> cannot be split at <paramref name="line"/>:<paramref name="column"/>.</summary>
    /// <param name="sourceName">The file (or resource) name.</param>
    /// <param name="line">1-based line.</param>
    /// <param name="column">1-based column.</param>
    /// <param name="problem">What the lexer found.</param>
    /// <param name="nextStep">What to do about it.</param>
    public SqlSyntaxException(string sourceName, int line, int column, string problem, string? nextStep = null)
        : base($"{sourceName}: line {line}, column {column}: {problem}", nextStep)
    {
        SourceName = sourceName;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file (or resource) name.</summary>
    public string SourceName { get; }

    /// <summary>1-based line of the problem.</summary>
    public int Line { get; }

    /// <summary>1-based column of the problem.</summary>
    public int Column { get; }

    /// <summary>What the lexer found.</summary>
    public string Problem { get; }
}
