using Tidemark.Sql;

namespace Tidemark.Effects;

/// <summary>What a statement creates, as far as resume verification needs to know.</summary>
internal enum TargetKind
{
    /// <summary>Nothing the verifier understands.</summary>
    Unknown,

    /// <summary><c>CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] name ON table …</c></summary>
    CreateIndex,

    /// <summary><c>DROP INDEX [CONCURRENTLY] name</c> without IF EXISTS.</summary>
    DropIndex,

    /// <summary><c>ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'label' …</c></summary>
    AddEnumValue,

    /// <summary><c>CREATE TABLE / VIEW / MATERIALIZED VIEW / SEQUENCE name …</c> without IF NOT EXISTS.</summary>
    CreateRelation,

    /// <summary>A statement PostgreSQL itself makes safe to repeat (IF [NOT] EXISTS, OR REPLACE).</summary>
    Idempotent,

    /// <summary><c>ALTER TABLE t ADD [COLUMN] c …</c> (one action).</summary>
    AddColumn,

    /// <summary><c>ALTER TABLE t DROP [COLUMN] c</c> (one action).</summary>
    DropColumn,

    /// <summary><c>ALTER TABLE t RENAME [COLUMN] a TO b</c>: <see cref="StatementTarget.Name"/> is a, <see cref="StatementTarget.Label"/> is b.</summary>
    RenameColumn,

    /// <summary><c>ALTER TABLE t ADD CONSTRAINT name …</c> (one action).</summary>
    AddConstraint,

    /// <summary><c>ALTER TABLE t DROP CONSTRAINT name</c> (one action).</summary>
    DropConstraint,

    /// <summary><c>CREATE TYPE name AS …</c>.</summary>
    CreateType,

    /// <summary><c>DROP TABLE name</c> (one table, without IF EXISTS).</summary>
    DropTable,
}

/// <summary>
/// The object a statement acts on, read from its tokens with <see cref="SqlLexer"/>: names are
/// unquoted and case-folded as PostgreSQL would (<see cref="Name"/>), and the raw qualified text is
/// kept for <c>to_regclass</c>/<c>to_regtype</c> (<see cref="QualifiedText"/>).
/// </summary>
internal sealed record StatementTarget(TargetKind Kind, string? Name, string? QualifiedText, string? Table, string? Label, string? RelationKind)
{
    public static StatementTarget Unknown { get; } = new(TargetKind.Unknown, null, null, null, null, null);

    public static StatementTarget Of(SqlStatement statement)
    {
        var words = Tokenize(statement.Text);
        var r = new Reader(statement.Text, words);
        if (r.Is(0, "CREATE") && r.Is(1, "OR") && r.Is(2, "REPLACE"))
        {
            return Idempotent();
        }

        if (r.Is(0, "CREATE") && r.Is(1, "TYPE"))
        {
            var type = r.QualifiedName(2, out var typeName, out var next);
            return type is null || !r.Is(next, "AS") ? Unknown : new StatementTarget(TargetKind.CreateType, typeName, type, null, null, "type");
        }

        if (r.Is(0, "CREATE"))
        {
            var i = 1;
            if (r.Is(i, "UNIQUE"))
            {
                i++;
            }

            if (r.Is(i, "INDEX"))
            {
                i++;
                i += r.Is(i, "CONCURRENTLY") ? 1 : 0;
                if (r.Is(i, "IF") && r.Is(i + 1, "NOT") && r.Is(i + 2, "EXISTS"))
                {
                    return Idempotent();
                }

                string? name = null;
                if (!r.Is(i, "ON"))
                {
                    name = r.Identifier(i);
                    i++;
                }

                if (!r.Is(i, "ON"))
                {
                    return Unknown;
                }

                i++;
                i += r.Is(i, "ONLY") ? 1 : 0;
                var table = r.QualifiedName(i, out _);
                return table is null ? Unknown : new StatementTarget(TargetKind.CreateIndex, name, name, table, null, "index");
            }

            // CREATE [UNLOGGED|TEMP…] TABLE / VIEW / MATERIALIZED VIEW / SEQUENCE
            i = 1;
            while (r.Is(i, "UNLOGGED") || r.Is(i, "GLOBAL") || r.Is(i, "LOCAL") || r.Is(i, "TEMP") || r.Is(i, "TEMPORARY") || r.Is(i, "RECURSIVE"))
            {
                i++;
            }

            string? kind = r.Is(i, "TABLE") ? "table" : r.Is(i, "VIEW") ? "view" : r.Is(i, "SEQUENCE") ? "sequence"
                : r.Is(i, "MATERIALIZED") && r.Is(i + 1, "VIEW") ? "materialized view" : null;
            if (kind is null)
            {
                return Unknown;
            }

            i += kind == "materialized view" ? 2 : 1;
            if (r.Is(i, "IF") && r.Is(i + 1, "NOT") && r.Is(i + 2, "EXISTS"))
            {
                return Idempotent();
            }

            var qualified = r.QualifiedName(i, out var last);
            return qualified is null ? Unknown : new StatementTarget(TargetKind.CreateRelation, last, qualified, null, null, kind);
        }

        if (r.Is(0, "DROP") && r.Is(1, "INDEX"))
        {
            var i = 2 + (r.Is(2, "CONCURRENTLY") ? 1 : 0);
            if (r.Is(i, "IF") && r.Is(i + 1, "EXISTS"))
            {
                return Idempotent();
            }

            var qualified = r.QualifiedName(i, out var last);
            return qualified is null || r.HasComma() ? Unknown
                : new StatementTarget(TargetKind.DropIndex, last, qualified, null, null, "index");
        }

        if (r.Is(0, "DROP") && r.Has("IF") && r.Has("EXISTS"))
        {
            return Idempotent();
        }

        if (r.Is(0, "ALTER") && r.Is(1, "TABLE"))
        {
            return AlterTable(r);
        }

        if (r.Is(0, "DROP") && r.Is(1, "TABLE"))
        {
            var table = r.QualifiedName(2, out var last, out var next);
            return table is null || r.TopLevelComma() ? Unknown : new StatementTarget(TargetKind.DropTable, last, table, table, null, "table");
        }

        if (r.Is(0, "ALTER") && r.Is(1, "TYPE"))
        {
            var type = r.QualifiedName(2, out _, out var next);
            if (type is null || !r.Is(next, "ADD") || !r.Is(next + 1, "VALUE"))
            {
                return Unknown;
            }

            var at = next + 2;
            if (r.Is(at, "IF") && r.Is(at + 1, "NOT") && r.Is(at + 2, "EXISTS"))
            {
                return Idempotent();
            }

            var label = r.PlainString(at);
            return label is null ? Unknown : new StatementTarget(TargetKind.AddEnumValue, null, type, null, label, "enum value");
        }

        return Unknown;
    }

    /// <summary>One-action <c>ALTER TABLE</c>: add/drop/rename a column, add/drop a constraint.</summary>
    private static StatementTarget AlterTable(Reader r)
    {
        var i = 2;
        if (r.Is(i, "IF") && r.Is(i + 1, "EXISTS"))
        {
            i += 2;
        }

        i += r.Is(i, "ONLY") ? 1 : 0;
        var table = r.QualifiedName(i, out _, out var at);
        if (table is null || r.TopLevelComma())
        {
            return Unknown;
        }

        if (r.Is(at, "ADD") && r.Is(at + 1, "CONSTRAINT"))
        {
            return r.Identifier(at + 2) is { } c ? new StatementTarget(TargetKind.AddConstraint, c, table, table, null, "constraint") : Unknown;
        }

        if (r.Is(at, "DROP") && r.Is(at + 1, "CONSTRAINT"))
        {
            if (r.Is(at + 2, "IF") && r.Is(at + 3, "EXISTS"))
            {
                return Idempotent();
            }

            return r.Identifier(at + 2) is { } c ? new StatementTarget(TargetKind.DropConstraint, c, table, table, null, "constraint") : Unknown;
        }

        if (r.Is(at, "ADD"))
        {
            var c = at + 1 + (r.Is(at + 1, "COLUMN") ? 1 : 0);
            if (r.Is(c, "IF") && r.Is(c + 1, "NOT") && r.Is(c + 2, "EXISTS"))
            {
                return Idempotent();
            }

            return r.Is(c, "PRIMARY") || r.Is(c, "UNIQUE") || r.Is(c, "CHECK") || r.Is(c, "FOREIGN") || r.Is(c, "EXCLUDE")
                ? Unknown
                : r.Identifier(c) is { } column ? new StatementTarget(TargetKind.AddColumn, column, table, table, null, "column") : Unknown;
        }

        if (r.Is(at, "DROP"))
        {
            var c = at + 1 + (r.Is(at + 1, "COLUMN") ? 1 : 0);
            if (r.Is(c, "IF") && r.Is(c + 1, "EXISTS"))
            {
                return Idempotent();
            }

            return r.Identifier(c) is { } column ? new StatementTarget(TargetKind.DropColumn, column, table, table, null, "column") : Unknown;
        }

        if (r.Is(at, "RENAME") && !r.Is(at + 1, "TO") && !r.Is(at + 1, "CONSTRAINT"))
        {
            var c = at + 1 + (r.Is(at + 1, "COLUMN") ? 1 : 0);
            return r.Identifier(c) is { } from && r.Is(c + 1, "TO") && r.Identifier(c + 2) is { } to
                ? new StatementTarget(TargetKind.RenameColumn, from, table, table, to, "column")
                : Unknown;
        }

        return Unknown;
    }

    private static StatementTarget Idempotent() => new(TargetKind.Idempotent, null, null, null, null, null);

    private static List<SqlToken> Tokenize(string text)
    {
        var lexer = new SqlLexer(new SqlScript("statement", text, []));
        var tokens = new List<SqlToken>();
        while (tokens.Count < 4096 && lexer.Next(out var token))
        {
            tokens.Add(token);
        }

        return tokens;
    }

    private readonly struct Reader(string text, List<SqlToken> tokens)
    {
        public int Count => tokens.Count;

        public bool Is(int i, string keyword) =>
            i < tokens.Count && tokens[i].Kind == SqlTokenKind.Word
            && text.AsSpan(tokens[i].Start, tokens[i].Length).Equals(keyword, StringComparison.OrdinalIgnoreCase);

        public bool Has(string keyword)
        {
            for (var i = 0; i < tokens.Count; i++)
            {
                if (Is(i, keyword))
                {
                    return true;
                }
            }

            return false;
        }

        public bool HasComma()
        {
            foreach (var t in tokens)
            {
                if (t.Kind == SqlTokenKind.Other && text[t.Start] == ',')
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A comma outside parentheses (several actions in one statement).</summary>
        public bool TopLevelComma()
        {
            var depth = 0;
            foreach (var t in tokens)
            {
                // Parentheses are tokens of their own kinds (numeric(10,2) has no top-level comma).
                depth += t.Kind == SqlTokenKind.OpenParen ? 1 : t.Kind == SqlTokenKind.CloseParen ? -1 : 0;
                if (t.Kind == SqlTokenKind.Other && text[t.Start] == ',' && depth == 0)
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsDot(int i) => i < tokens.Count && tokens[i].Kind == SqlTokenKind.Other && text[tokens[i].Start] == '.';

        /// <summary>The identifier at <paramref name="i"/> as PostgreSQL stores it: unquoted words fold to lower case.</summary>
        public string? Identifier(int i)
        {
            if (i >= tokens.Count)
            {
                return null;
            }

            var t = tokens[i];
            var raw = text.Substring(t.Start, t.Length);
            return t.Kind switch
            {
                SqlTokenKind.Word => raw.ToLowerInvariant(),
                SqlTokenKind.QuotedIdentifier when raw.StartsWith('"') => raw[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal),
                _ => null,
            };
        }

        public string? QualifiedName(int i, out string? last) => QualifiedName(i, out last, out _);

        /// <summary>A possibly qualified name starting at <paramref name="i"/>: its raw text and its last part.</summary>
        public string? QualifiedName(int i, out string? last, out int next)
        {
            last = null;
            next = i;
            if (Identifier(i) is not { } first)
            {
                return null;
            }

            last = first;
            var end = i;
            while (IsDot(end + 1) && Identifier(end + 2) is { } part)
            {
                last = part;
                end += 2;
            }

            next = end + 1;
            return text[tokens[i].Start..tokens[end].End];
        }

        /// <summary>A plain <c>'…'</c> literal's value; null for E'', U&amp;'' and other forms.</summary>
        public string? PlainString(int i)
        {
            if (i >= tokens.Count || tokens[i].Kind != SqlTokenKind.String || text[tokens[i].Start] != '\'')
            {
                return null;
            }

            var raw = text.Substring(tokens[i].Start, tokens[i].Length);
            return raw[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }
    }
}
