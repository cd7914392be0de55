namespace Tidemark.Sql;

/// <summary>
/// Splits PostgreSQL scripts into statements the way psql does: at a ';' outside literals,
/// comments, parentheses and the <c>BEGIN ATOMIC … END</c> body of a SQL-standard function or
/// procedure. Drizzle's <c>--&gt; statement-breakpoint</c> markers are ordinary comments.
/// </summary>
internal static class SqlSplitter
{
    /// <summary>
    /// Classification looks at a statement's tokens at parenthesis depth 0 (at most this many) and,
    /// for option lists like <c>REINDEX (CONCURRENTLY)</c>, depth 1 while fewer than
    /// <see cref="MaxNestedClassifiedTokens"/> are kept: memory stays bounded on huge statements.
    /// </summary>
    private const int MaxClassifiedTokens = 512;

    private const int MaxNestedClassifiedTokens = 64;

    /// <summary>Splits <paramref name="text"/>; throws <see cref="SqlSyntaxException"/> naming <paramref name="sourceName"/>.</summary>
    public static SqlScript Split(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);

        var statements = new List<SqlStatement>();
        var script = new SqlScript(sourceName, text, statements);
        var lexer = new SqlLexer(script);
        var tokens = new List<ClassifiedToken>(64);
        var state = default(StatementState);
        state.Start = -1;

        while (lexer.Next(out var token))
        {
            if (token.Kind == SqlTokenKind.Semicolon && state.ParenDepth == 0 && state.AtomicDepth == 0)
            {
                if (state.Start >= 0)
                {
                    statements.Add(CreateStatement(script, statements.Count, state.Start, token.Start, tokens));
                }

                tokens.Clear();
                state = default;
                state.Start = -1;
                continue;
            }

            if (state.Start < 0)
            {
                state.Start = token.Start;
            }

            var outer = state.ParenDepth;
            Track(text, token, ref state);
            var depth = token.Kind == SqlTokenKind.OpenParen ? outer : state.ParenDepth;
            if ((depth == 0 && tokens.Count < MaxClassifiedTokens) || (depth == 1 && tokens.Count < MaxNestedClassifiedTokens))
            {
                tokens.Add(new ClassifiedToken(token, depth));
            }
        }

        if (state.Start >= 0)
        {
            statements.Add(CreateStatement(script, statements.Count, state.Start, text.Length, tokens));
        }

        return script;
    }

    /// <summary>
    /// Follows parentheses and, in <c>CREATE [OR REPLACE] FUNCTION|PROCEDURE</c>, the
    /// <c>BEGIN ATOMIC … END</c> body (with <c>CASE … END</c> nested in it), like psql's heuristic
    /// but requiring ATOMIC after BEGIN so a routine or parameter named "begin" does not confuse it.
    /// </summary>
    private static void Track(string text, SqlToken token, ref StatementState state)
    {
        var index = state.TokenCount++;
        if (token.Kind == SqlTokenKind.OpenParen)
        {
            state.ParenDepth++;
            state.PreviousWasBegin = false;
            return;
        }

        if (token.Kind == SqlTokenKind.CloseParen)
        {
            if (state.ParenDepth > 0)
            {
                state.ParenDepth--;
            }

            state.PreviousWasBegin = false;
            return;
        }

        var word = token.Kind == SqlTokenKind.Word ? text.AsSpan(token.Start, token.Length) : default;
        if (index < 4)
        {
            state.Routine = (index, state.Routine) switch
            {
                (0, _) => Is(word, "CREATE") ? RoutineState.Create : RoutineState.No,
                (1, RoutineState.Create) when Is(word, "FUNCTION") || Is(word, "PROCEDURE") => RoutineState.Yes,
                (1, RoutineState.Create) when Is(word, "OR") => RoutineState.CreateOr,
                (2, RoutineState.CreateOr) when Is(word, "REPLACE") => RoutineState.CreateOrReplace,
                (3, RoutineState.CreateOrReplace) when Is(word, "FUNCTION") || Is(word, "PROCEDURE") => RoutineState.Yes,
                (_, RoutineState.Yes) => RoutineState.Yes,
                _ => RoutineState.No,
            };
        }

        if (state.Routine != RoutineState.Yes || state.ParenDepth != 0)
        {
            return;
        }

        if (state.AtomicDepth == 0)
        {
            if (state.PreviousWasBegin && Is(word, "ATOMIC"))
            {
                state.AtomicDepth = 1;
            }

            state.PreviousWasBegin = Is(word, "BEGIN");
        }
        else if (Is(word, "CASE"))
        {
            state.AtomicDepth++;
        }
        else if (Is(word, "END"))
        {
            state.AtomicDepth--;
        }
    }

    private static SqlStatement CreateStatement(SqlScript script, int index, int start, int end, List<ClassifiedToken> tokens)
    {
        var text = script.Text;
        while (end > start && SqlLexer.IsWhitespace(text[end - 1]))
        {
            end--;
        }

        var classifier = new StatementClassifier(text, tokens);
        if (classifier.IsCopyFromStdin())
        {
            var at = script.PositionAt(start);
            throw new SqlSyntaxException(
                script.SourceName,
                at.Line,
                at.Column,
                "COPY … FROM stdin reads data lines that only psql knows how to send; Tidemark runs SQL statements only",
                "Turn the data block into INSERT statements (pg_dump --inserts does this), or COPY FROM a file on the database server.");
        }

        return new SqlStatement(
            index,
            text[start..end],
            start,
            end - start,
            script.PositionAt(start),
            script.PositionAt(end - 1),
            classifier.Traits(),
            classifier.Keyword());
    }

    private static bool Is(ReadOnlySpan<char> word, string keyword) =>
        word.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    private enum RoutineState : byte
    {
        Create = 1,
        CreateOr,
        CreateOrReplace,
        Yes,
        No,
    }

    private struct StatementState
    {
        public int Start;
        public int TokenCount;
        public int ParenDepth;
        public int AtomicDepth;
        public bool PreviousWasBegin;
        public RoutineState Routine;
    }
}

/// <summary>A token of a statement with the parenthesis depth it sits at (the parentheses themselves sit at the outer depth).</summary>
internal readonly record struct ClassifiedToken(SqlToken Token, int Depth);
