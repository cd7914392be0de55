using Tidemark.Sql;

namespace Tidemark.Lint;

/// <summary>One file to lint, in apply order. <see cref="Report"/> false: only its effect on the schema is kept (an applied migration).</summary>
internal sealed record LintInput(string Path, string Sql, string? Version, bool NoTransactionDirective, bool Report = true);

/// <summary>How Tidemark runs migrations, as far as the transaction and timeout rules care.</summary>
internal sealed record RunSettings(bool AllInOneTransaction, TimeSpan? LockTimeout, TimeSpan? StatementTimeout)
{
    public static RunSettings Default { get; } = new(false, TimeSpan.FromSeconds(5), null);
}

/// <summary>A statement lint looked at, with its predicted effect (what <c>--trace</c> checks).</summary>
internal sealed record AnalyzedStatement(LintInput Input, SqlScript Script, SqlStatement Statement, DdlStatement Parsed, StatementEffect Effect, bool Transactional);

/// <summary>
/// Walks the files in order with one <see cref="SchemaState"/>: splits each the way the executor
/// will run it (wrapping BEGIN/COMMIT dropped, transactional unless it says otherwise or holds a
/// statement that cannot run in a transaction), applies the rules statement by statement, then
/// filters by ignore comments and the configuration.
/// </summary>
internal sealed class LintEngine(int postgresVersion, RunSettings run, LintConfig config)
{
    private readonly SchemaState _state = new();

    public List<AnalyzedStatement> Statements { get; } = [];

    public int Files { get; private set; }

    public List<LintFinding> Run(IEnumerable<LintInput> inputs)
    {
        var all = new List<LintFinding>();
        var index = 0;
        foreach (var input in inputs)
        {
            _state.StartMigration(index++);
            var analyzer = new Analyzer(_state, postgresVersion);
            var script = SqlSplitter.Split(input.Sql, input.Path);
            LintFile(input, script, analyzer);
            if (!input.Report || config.IsIgnoredPath(input.Path))
            {
                continue;
            }

            Files++;
            var findings = analyzer.Findings.Select(f => f with { Version = input.Version }).ToList();
            all.AddRange(IgnoreDirectives.Apply(script, findings, config));
        }

        return all;
    }

    private void LintFile(LintInput input, SqlScript script, Analyzer analyzer)
    {
        var statements = script.Statements;
        var first = 0;
        var count = statements.Count;
        if (!input.NoTransactionDirective && count >= 2 && IsBegin(statements[0]) && IsCommit(statements[^1])
            && statements.Skip(1).Take(count - 2).All(s => !s.IsTransactionControl))
        {
            first = 1;
            count -= 2;
        }

        var body = statements.Skip(first).Take(count).ToList();
        var transactional = !input.NoTransactionDirective && !body.Any(s => s.RequiresNoTransaction);
        var lockTimeout = transactional && run.LockTimeout is not null;
        var statementTimeout = run.StatementTimeout is not null;
        var depth = 0;
        SqlStatement? openBegin = null;
        foreach (var statement in body)
        {
            var parsed = DdlParser.Parse(statement.Text, statement.Keyword);
            var context = new RunContext(transactional || depth > 0, lockTimeout, statementTimeout, run.AllInOneTransaction);
            var effect = analyzer.Analyze(script, statement, parsed, context);
            switch (parsed)
            {
                case TransactionControl { Verb: "BEGIN" } when transactional && !body.SkipWhile(s => s != statement).Skip(1).Any(s => s.IsTransactionControl && !IsBegin(s)):
                    analyzer.AddFinding(script, statement, "TM301",
                        "BEGIN is never followed by COMMIT or ROLLBACK (and Tidemark, which runs this file in its own transaction, refuses transaction control in it).",
                        "COMMIT;  -- at the end, or remove the BEGIN: Tidemark already runs the file in a transaction");
                    break;
                case TransactionControl tc:
                    HandleTransactionControl(analyzer, script, statement, tc, transactional, ref depth, ref openBegin);
                    analyzer.InExplicitTransaction = depth > 0;
                    break;
                case SetSetting { Name: "lock_timeout" } set:
                    lockTimeout = set.Value is not ("0" or "DEFAULT" or "default");
                    break;
                case SetSetting { Name: "statement_timeout" } set:
                    statementTimeout = set.Value is not ("0" or "DEFAULT" or "default");
                    break;
            }

            _state.Apply(parsed);
            if (input.Report)
            {
                Statements.Add(new AnalyzedStatement(input, script, statement, parsed, effect, transactional || depth > 0));
            }
        }

        if (openBegin is not null)
        {
            analyzer.AddFinding(script, openBegin, "TM301",
                "BEGIN is never followed by COMMIT or ROLLBACK: the transaction stays open on the migration session, holding every lock taken after it.",
                "COMMIT;  -- at the end of the migration");
        }
    }

    private static void HandleTransactionControl(Analyzer analyzer, SqlScript script, SqlStatement statement, TransactionControl tc, bool transactional, ref int depth, ref SqlStatement? openBegin)
    {
        if (transactional)
        {
            analyzer.AddFinding(script, statement, "TM302",
                $"{statement.Keyword} inside a migration Tidemark runs in its own transaction: it would end that transaction half-way (Tidemark refuses to run this file).",
                "-- remove the transaction control, or put `-- tidemark:no-transaction` on the first line to run the file as written");
            return;
        }

        switch (tc.Verb)
        {
            case "BEGIN":
                if (depth > 0)
                {
                    analyzer.AddFinding(script, statement, "TM302",
                        "BEGIN inside an open transaction: PostgreSQL warns and ignores it, and the first COMMIT ends the outer transaction.",
                        "-- remove the inner BEGIN");
                }
                else
                {
                    openBegin = statement;
                }

                depth = 1;
                break;
            case "COMMIT" or "ROLLBACK":
                if (depth == 0)
                {
                    analyzer.AddFinding(script, statement, "TM302",
                        $"{statement.Keyword} without an open transaction: PostgreSQL warns and does nothing.",
                        "-- remove it, or add the BEGIN it belongs to");
                }

                depth = 0;
                openBegin = null;
                break;
        }
    }

    private static bool IsBegin(SqlStatement s) =>
        s.IsTransactionControl && (s.Keyword.StartsWith("BEGIN", StringComparison.Ordinal) || s.Keyword.StartsWith("START", StringComparison.Ordinal));

    private static bool IsCommit(SqlStatement s) =>
        s.IsTransactionControl && (s.Keyword.StartsWith("COMMIT", StringComparison.Ordinal) || s.Keyword == "END");
}
