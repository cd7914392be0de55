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

    private static readonly Dictionary<string, Verb>.AlternateLookup<ReadOnlySpan<char>> Verbs =
        new Dictionary<string, Verb>(StringComparer.OrdinalIgnoreCase)
        {
            ["CREATE"] = Verb.Create, ["ALTER"] = Verb.Alter, ["DROP"] = Verb.Drop, ["REINDEX"] = Verb.Reindex,
            ["VACUUM"] = Verb.Vacuum, ["CLUSTER"] = Verb.Cluster, ["DISCARD"] = Verb.Discard, ["COPY"] = Verb.Copy,
            ["BEGIN"] = Verb.Begin, ["END"] = Verb.End, ["ABORT"] = Verb.Abort, ["SAVEPOINT"] = Verb.Savepoint,
            ["RELEASE"] = Verb.Release, ["COMMIT"] = Verb.Commit, ["ROLLBACK"] = Verb.Rollback, ["START"] = Verb.Start,
            ["PREPARE"] = Verb.Prepare, ["REFRESH"] = Verb.Refresh,
        }.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly string _text;
    private readonly List<ClassifiedToken> _tokens;
    private readonly Verb _verb;

    public StatementClassifier(string text, List<ClassifiedToken> tokens)
    {
        _text = text;
        _tokens = tokens;
        _verb = !IsWord(0) ? Verb.None : Verbs.TryGetValue(Word(0), out var verb) ? verb : Verb.Other;
    }

    private enum Verb : byte
    {
        None,
        Other,
        Create,
        Alter,
        Drop,
        Reindex,
        Vacuum,
        Cluster,
        Discard,
        Copy,
        Begin,
        End,
        Abort,
        Savepoint,
        Release,
        Commit,
        Rollback,
        Start,
        Prepare,
        Refresh,
    }

    /// <summary>True for <c>COPY … FROM STDIN</c>, whose data only psql can supply.</summary>
    public bool IsCopyFromStdin()
    {
        if (_verb != Verb.Copy)
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
        switch (_verb)
        {
            case Verb.Create:
                var i = Is(1, "UNIQUE") ? 2 : 1;
                return (Is(i, "INDEX") && Is(i + 1, "CONCURRENTLY")) || IsAny(1, "DATABASE", "TABLESPACE", "SUBSCRIPTION") ? noTx : default;
            case Verb.Drop:
                return (Is(1, "INDEX") && Is(2, "CONCURRENTLY")) || IsAny(1, "DATABASE", "TABLESPACE", "SUBSCRIPTION") ? noTx : default;
            case Verb.Alter:
                return IsAny(1, "SYSTEM", "SUBSCRIPTION")
                    || (Is(1, "DATABASE") && FindPair(2, "SET", "TABLESPACE") > 0)
                    || (Is(1, "TABLE") && IsDetachConcurrently())
                    ? noTx
                    : default;
            case Verb.Reindex:
                return IsReindexOutsideTransaction() ? noTx : default;
            case Verb.Vacuum:
                return noTx;
            case Verb.Cluster:
                return IsClusterOfEverything() ? noTx : default;
            case Verb.Discard:
                return Is(1, "ALL") ? noTx : default;
            case Verb.Begin or Verb.End or Verb.Abort or Verb.Savepoint or Verb.Release:
                return tc;
            case Verb.Commit or Verb.Rollback:
                // COMMIT PREPARED / ROLLBACK PREPARED finish a two-phase transaction and refuse to run inside one.
                return Is(1, "PREPARED") ? tc | noTx : tc;
            case Verb.Start or Verb.Prepare:
                return Is(1, "TRANSACTION") ? tc : default;
            default:
                return StatementTraits.None;
        }
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
        if (_verb is Verb.Create or Verb.Alter or Verb.Drop)
        {
            var i = 1;
            while (_verb == Verb.Create && IsWord(i) && IsCreateModifier(Word(i)))
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
        else if ((_verb is Verb.Start or Verb.Prepare && Is(1, "TRANSACTION"))
            || (_verb is Verb.Commit or Verb.Rollback && Is(1, "PREPARED")))
        {
            parts[count++] = 1;
        }
        else if (_verb == Verb.Refresh && Is(1, "MATERIALIZED") && Is(2, "VIEW"))
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

    /// <summary>ALTER TABLE … DETACH PARTITION … CONCURRENTLY (… FINALIZE may run in a transaction, as the server allows).</summary>
    private bool IsDetachConcurrently()
    {
        var detach = FindPair(2, "DETACH", "PARTITION");
        if (detach < 0)
        {
            return false;
        }

        for (var i = detach + 2; i < _tokens.Count; i++)
        {
            if (_tokens[i].Depth == 0 && Is(i, "CONCURRENTLY"))
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
