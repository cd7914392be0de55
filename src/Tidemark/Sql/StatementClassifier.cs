namespace Tidemark.Sql;

/// <summary>
/// Reads a statement's leading tokens to name it (<see cref="Keyword"/>) and to tell whether it
/// must run outside a transaction block or is itself transaction control (<see cref="Traits"/>).
/// Works on tokens only, so comments, letter case, line breaks and quoted identifiers that happen
/// to spell a keyword (<c>"concurrently"</c>) never change the answer.
/// </summary>
internal readonly struct StatementClassifier
{
    private static readonly HashSet<string> KnownKeywords = new(
        [
            "CREATE TABLE", "CREATE INDEX", "CREATE TYPE", "CREATE SCHEMA", "CREATE SEQUENCE", "CREATE VIEW",
            "CREATE MATERIALIZED VIEW", "CREATE FUNCTION", "CREATE PROCEDURE", "CREATE TRIGGER", "CREATE EXTENSION",
            "CREATE DOMAIN", "CREATE POLICY", "CREATE ROLE", "CREATE USER", "CREATE DATABASE", "CREATE TABLESPACE",
            "CREATE SUBSCRIPTION", "CREATE PUBLICATION", "CREATE RULE", "CREATE AGGREGATE", "CREATE CAST",
            "ALTER TABLE", "ALTER INDEX", "ALTER TYPE", "ALTER SCHEMA", "ALTER SEQUENCE", "ALTER VIEW",
            "ALTER FUNCTION", "ALTER PROCEDURE", "ALTER DATABASE", "ALTER SYSTEM", "ALTER SUBSCRIPTION",
            "ALTER ROLE", "ALTER DOMAIN", "ALTER EXTENSION", "ALTER MATERIALIZED VIEW", "ALTER DEFAULT PRIVILEGES",
            "DROP TABLE", "DROP INDEX", "DROP TYPE", "DROP SCHEMA", "DROP SEQUENCE", "DROP VIEW", "DROP FUNCTION",
            "DROP PROCEDURE", "DROP TRIGGER", "DROP EXTENSION", "DROP DATABASE", "DROP TABLESPACE",
            "DROP SUBSCRIPTION", "DROP MATERIALIZED VIEW", "DROP POLICY", "DROP ROLE", "DROP DOMAIN",
            "INSERT", "UPDATE", "DELETE", "SELECT", "WITH", "MERGE", "VALUES", "TRUNCATE", "COPY", "DO", "CALL",
            "GRANT", "REVOKE", "COMMENT", "SET", "RESET", "LOCK", "ANALYZE", "VACUUM", "CLUSTER", "REINDEX",
            "REFRESH MATERIALIZED VIEW", "DISCARD", "NOTIFY", "LISTEN",
            "BEGIN", "START TRANSACTION", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE", "ABORT",
            "PREPARE TRANSACTION", "COMMIT PREPARED", "ROLLBACK PREPARED",
        ],
        StringComparer.Ordinal);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> KnownKeywordLookup =
        KnownKeywords.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly string[] CreateModifiers =
    [
        "OR", "REPLACE", "UNIQUE", "TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL", "RECURSIVE",
        "TRUSTED", "PROCEDURAL", "DEFAULT", "CONSTRAINT",
    ];

    private readonly string _text;
    private readonly List<ClassifiedToken> _tokens;

    public StatementClassifier(string text, List<ClassifiedToken> tokens)
    {
        _text = text;
        _tokens = tokens;
    }

    /// <summary>True for <c>COPY … FROM STDIN</c>, whose data only psql can supply.</summary>
    public bool IsCopyFromStdin()
    {
        if (!Is(0, "COPY"))
        {
            return false;
        }

        for (var i = 1; i + 1 < _tokens.Count; i++)
        {
            if (_tokens[i].Depth == 0 && Is(i, "FROM") && Is(i + 1, "STDIN"))
            {
                return true;
            }
        }

        return false;
    }

    public StatementTraits Traits()
    {
        const StatementTraits noTx = StatementTraits.NoTransaction;
        const StatementTraits tc = StatementTraits.TransactionControl;
        if (!IsWord(0))
        {
            return StatementTraits.None;
        }

        var verb = Word(0);
        if (Eq(verb, "CREATE"))
        {
            var i = Is(1, "UNIQUE") ? 2 : 1;
            return (Is(i, "INDEX") && Is(i + 1, "CONCURRENTLY")) || IsAny(1, "DATABASE", "TABLESPACE", "SUBSCRIPTION") ? noTx : default;
        }

        if (Eq(verb, "DROP"))
        {
            return (Is(1, "INDEX") && Is(2, "CONCURRENTLY")) || IsAny(1, "DATABASE", "TABLESPACE", "SUBSCRIPTION") ? noTx : default;
        }

        if (Eq(verb, "ALTER"))
        {
            return IsAny(1, "SYSTEM", "SUBSCRIPTION")
                || (Is(1, "DATABASE") && FindPair(2, "SET", "TABLESPACE") > 0)
                || (Is(1, "TABLE") && IsDetachConcurrently())
                ? noTx
                : default;
        }

        if (Eq(verb, "REINDEX"))
        {
            return IsReindexOutsideTransaction() ? noTx : default;
        }

        if (Eq(verb, "VACUUM"))
        {
            return noTx;
        }

        if (Eq(verb, "CLUSTER"))
        {
            return IsClusterOfEverything() ? noTx : default;
        }

        if (Eq(verb, "DISCARD"))
        {
            return Is(1, "ALL") ? noTx : default;
        }

        if (Eq(verb, "BEGIN") || Eq(verb, "END") || Eq(verb, "ABORT") || Eq(verb, "SAVEPOINT") || Eq(verb, "RELEASE"))
        {
            return tc;
        }

        if (Eq(verb, "COMMIT") || Eq(verb, "ROLLBACK"))
        {
            // COMMIT PREPARED / ROLLBACK PREPARED finish a two-phase transaction and refuse to run inside one.
            return Is(1, "PREPARED") ? tc | noTx : tc;
        }

        return (Eq(verb, "START") || Eq(verb, "PREPARE")) && Is(1, "TRANSACTION") ? tc : default;
    }

    /// <summary>The statement's leading keywords, upper-case: "CREATE TABLE", "CREATE INDEX", "INSERT", "BEGIN".</summary>
    public string Keyword()
    {
        if (!IsWord(0))
        {
            return string.Empty;
        }

        Span<int> parts = stackalloc int[4];
        var count = 0;
        parts[count++] = 0;
        var verb = Word(0);
        if (Eq(verb, "CREATE") || Eq(verb, "ALTER") || Eq(verb, "DROP"))
        {
            var i = 1;
            while (Eq(verb, "CREATE") && IsWord(i) && IsCreateModifier(Word(i)))
            {
                i++;
            }

            if (IsWord(i))
            {
                parts[count++] = i;
                var extra = ObjectTypeExtraWords(i);
                for (var k = 1; k <= extra; k++)
                {
                    parts[count++] = i + k;
                }
            }
        }
        else if (((Eq(verb, "START") || Eq(verb, "PREPARE")) && Is(1, "TRANSACTION"))
            || ((Eq(verb, "COMMIT") || Eq(verb, "ROLLBACK")) && Is(1, "PREPARED")))
        {
            parts[count++] = 1;
        }
        else if (Eq(verb, "REFRESH") && Is(1, "MATERIALIZED") && Is(2, "VIEW"))
        {
            parts[count++] = 1;
            parts[count++] = 2;
        }

        return Join(parts[..count]);
    }

    private static bool Eq(ReadOnlySpan<char> word, string keyword) =>
        word.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    private static bool IsCreateModifier(ReadOnlySpan<char> word)
    {
        foreach (var modifier in CreateModifiers)
        {
            if (Eq(word, modifier))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How many words after the one at <paramref name="i"/> belong to a multi-word object type.</summary>
    private int ObjectTypeExtraWords(int i)
    {
        var w = Word(i);
        if (Eq(w, "FOREIGN"))
        {
            return Is(i + 1, "TABLE") ? 1 : Is(i + 1, "DATA") && Is(i + 2, "WRAPPER") ? 2 : 0;
        }

        if (Eq(w, "TEXT"))
        {
            return Is(i + 1, "SEARCH") && IsWord(i + 2) ? 2 : 0;
        }

        return (Eq(w, "MATERIALIZED") && Is(i + 1, "VIEW"))
            || (Eq(w, "EVENT") && Is(i + 1, "TRIGGER"))
            || (Eq(w, "ACCESS") && Is(i + 1, "METHOD"))
            || (Eq(w, "USER") && Is(i + 1, "MAPPING"))
            || (Eq(w, "OPERATOR") && (Is(i + 1, "CLASS") || Is(i + 1, "FAMILY")))
            || (Eq(w, "DEFAULT") && Is(i + 1, "PRIVILEGES"))
            ? 1
            : 0;
    }

    private string Join(ReadOnlySpan<int> parts)
    {
        var length = parts.Length - 1;
        foreach (var p in parts)
        {
            length += _tokens[p].Token.Length;
        }

        Span<char> buffer = length <= 128 ? stackalloc char[128] : new char[length];
        var at = 0;
        foreach (var p in parts)
        {
            if (at > 0)
            {
                buffer[at++] = ' ';
            }

            at += Word(p).ToUpperInvariant(buffer[at..]);
        }

        var keyword = buffer[..at];
        return KnownKeywordLookup.TryGetValue(keyword, out var known) ? known : keyword.ToString();
    }

    /// <summary>ALTER TABLE … DETACH PARTITION … CONCURRENTLY | FINALIZE.</summary>
    private bool IsDetachConcurrently()
    {
        var detach = FindPair(2, "DETACH", "PARTITION");
        if (detach < 0)
        {
            return false;
        }

        for (var i = detach + 2; i < _tokens.Count; i++)
        {
            if (_tokens[i].Depth == 0 && (Is(i, "CONCURRENTLY") || Is(i, "FINALIZE")))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>REINDEX [(… CONCURRENTLY …)] {INDEX|TABLE|SCHEMA} CONCURRENTLY …, or REINDEX DATABASE|SYSTEM.</summary>
    private bool IsReindexOutsideTransaction()
    {
        var i = 1;
        if (Kind(i) == SqlTokenKind.OpenParen)
        {
            for (i = 2; i < _tokens.Count && !(Kind(i) == SqlTokenKind.CloseParen && _tokens[i].Depth == 0); i++)
            {
                if (Is(i, "CONCURRENTLY") && !IsFalse(i + 1))
                {
                    return true;
                }
            }

            i++;
        }

        return IsAny(i, "DATABASE", "SYSTEM") || Is(i + 1, "CONCURRENTLY");
    }

    private bool IsFalse(int i) =>
        IsAny(i, "FALSE", "OFF") || (Kind(i) == SqlTokenKind.Number && _text.AsSpan(_tokens[i].Token.Start, _tokens[i].Token.Length) is "0");

    /// <summary>CLUSTER [VERBOSE] [(options)] with no table: it re-clusters every table, one transaction each.</summary>
    private bool IsClusterOfEverything()
    {
        var i = 1;
        if (Kind(i) == SqlTokenKind.OpenParen)
        {
            while (i < _tokens.Count && !(Kind(i) == SqlTokenKind.CloseParen && _tokens[i].Depth == 0))
            {
                i++;
            }

            i++;
        }

        if (Is(i, "VERBOSE"))
        {
            i++;
        }

        return i >= _tokens.Count;
    }

    /// <summary>Index of the first depth-0 word <paramref name="first"/> followed by word <paramref name="second"/>, or -1.</summary>
    private int FindPair(int from, string first, string second)
    {
        for (var i = from; i + 1 < _tokens.Count; i++)
        {
            if (_tokens[i].Depth == 0 && Is(i, first) && Is(i + 1, second))
            {
                return i;
            }
        }

        return -1;
    }

    private SqlTokenKind? Kind(int i) => i < _tokens.Count ? _tokens[i].Token.Kind : null;

    private bool IsWord(int i) => i < _tokens.Count && _tokens[i].Token.Kind == SqlTokenKind.Word;

    private ReadOnlySpan<char> Word(int i) => _text.AsSpan(_tokens[i].Token.Start, _tokens[i].Token.Length);

    private bool Is(int i, string keyword) => IsWord(i) && Eq(Word(i), keyword);

    private bool IsAny(int i, string a, string b) => Is(i, a) || Is(i, b);

    private bool IsAny(int i, string a, string b, string c) => Is(i, a) || Is(i, b) || Is(i, c);
}
