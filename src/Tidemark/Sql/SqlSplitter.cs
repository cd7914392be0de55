namespace Tidemark.Sql;

/// <summary>Splits PostgreSQL scripts into statements. (Being written: see the lexer work.)</summary>
internal static class SqlSplitter
{
    /// <summary>Splits <paramref name="text"/>; throws <see cref="SqlSyntaxException"/> naming <paramref name="sourceName"/>.</summary>
    public static SqlScript Split(string text, string sourceName) => TempSplitter.Split(text, sourceName);
}
