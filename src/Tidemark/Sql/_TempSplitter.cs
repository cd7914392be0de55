// TEMPORARY naive splitter (semicolon + newline) until the lexer work lands.
namespace Tidemark.Sql;

internal static class TempSplitter
{
    public static SqlScript Split(string text, string sourceName)
    {
        var list = new List<SqlStatement>();
        var pos = 0;
        while (pos < text.Length)
        {
            var end = text.IndexOf(';', pos);
            if (end < 0) end = text.Length;
            var raw = text[pos..end];
            var lead = raw.Length - raw.TrimStart().Length;
            var body = raw.Trim();
            if (body.Length > 0)
            {
                var start = pos + lead;
                var kw = string.Join(' ', body.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries).Take(2)).ToUpperInvariant();
                var traits = body.Contains("CONCURRENTLY", StringComparison.OrdinalIgnoreCase) ? StatementTraits.NoTransaction : StatementTraits.None;
                if (kw.StartsWith("BEGIN", StringComparison.Ordinal) || kw.StartsWith("COMMIT", StringComparison.Ordinal)) traits |= StatementTraits.TransactionControl;
                list.Add(new SqlStatement(list.Count, body, start, body.Length, new TextPosition(1, 1), new TextPosition(1, 1), traits, kw));
            }

            pos = end + 1;
        }

        return new SqlScript(sourceName, text, list);
    }
}
