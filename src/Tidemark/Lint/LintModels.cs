namespace Tidemark.Lint;

/// <summary>How serious a finding is. Error-level findings fail <c>tidemark lint</c> (exit 3) and are refused by <see cref="HazardPolicy.Refuse"/>.</summary>
public enum LintSeverity
{
    /// <summary>Worth knowing; never fails anything.</summary>
    Info,

    /// <summary>Likely to hurt a busy database or a running application.</summary>
    Warning,

    /// <summary>Blocks reads or writes for as long as the table is rewritten or scanned, fails on real data, or is a mistake.</summary>
    Error,
}

/// <summary>
/// The five hazard kinds shared by lint findings and the differ's hazards, with their reserved
/// codes: TM100 TableRewrite, TM101 AccessExclusiveLock, TM102 FullTableScan, TM200 DataLoss, TM201 Breaking.
/// </summary>
public enum HazardKind
{
    /// <summary>TM100: PostgreSQL rewrites the whole table (and its indexes).</summary>
    TableRewrite,

    /// <summary>TM101: a lock that blocks the application's reads or writes is held for longer than an instant.</summary>
    AccessExclusiveLock,

    /// <summary>TM102: the whole table is read to verify or build something while a lock is held.</summary>
    FullTableScan,

    /// <summary>TM200: data is destroyed.</summary>
    DataLoss,

    /// <summary>TM201: something the running application uses disappears or changes shape.</summary>
    Breaking,
}

/// <summary>What <c>migrate</c>, <c>plan</c> and the hosted service do with lint findings of pending migrations.</summary>
public enum HazardPolicy
{
    /// <summary>Report findings as warnings and run (default).</summary>
    Warn,

    /// <summary>Refuse to run while a pending migration has an error-level finding.</summary>
    Refuse,

    /// <summary>Do not lint.</summary>
    Ignore,
}

/// <summary>One lint rule: a stable code, a name, its default severity and the hazard kind it belongs to (none for style rules).</summary>
public sealed record LintRule(string Code, string Name, LintSeverity DefaultSeverity, HazardKind? Hazard, string Title)
{
    /// <summary>The rule's page in the repository: <c>docs/lint/TM112.md</c>.</summary>
    public string DocPath => $"docs/lint/{Code}.md";
}

/// <summary>
/// One lint finding. <see cref="Line"/> and <see cref="Column"/> are 1-based and point at the
/// construct (the column, the constraint, the statement). <see cref="Lock"/> is the table lock the
/// statement takes ("ACCESS EXCLUSIVE"), <see cref="Blocks"/> what that lock blocks ("reads and
/// writes"); <see cref="Rewrite"/> says the table is rewritten, <see cref="Scan"/> that it is read in
/// full under that lock. <see cref="SafeAlternative"/> is SQL with the real names filled in.
/// </summary>
public sealed record LintFinding(
    string File,
    int Line,
    int Column,
    string Code,
    string Rule,
    LintSeverity Severity,
    string Message,
    string? Lock,
    string? Blocks,
    bool Rewrite,
    bool Scan,
    string? SafeAlternative,
    string? Table)
{
    /// <summary>The hazard kind the rule belongs to.</summary>
    public HazardKind? Hazard { get; init; }

    /// <summary>The migration version the statement belongs to, when linted from a migrations folder.</summary>
    public string? Version { get; init; }

    /// <summary>0-based index of the statement in its file.</summary>
    public int StatementIndex { get; init; }

    /// <summary>The text of the source line the finding points at (for a caret display).</summary>
    public string SourceLine { get; init; } = string.Empty;

    /// <summary>The rule's documentation page (<c>docs/lint/TMxxx.md</c>).</summary>
    public string DocPath => $"docs/lint/{Code}.md";
}

/// <summary>A table lock a statement takes, as predicted from its text or observed in a shadow database.</summary>
public sealed record TableLock(string Table, LockMode Mode)
{
    /// <summary>"ACCESS EXCLUSIVE on public.users".</summary>
    public override string ToString() => $"{LockModes.Display(Mode)} on {Table}";
}

/// <summary>
/// What <c>--trace</c> saw for one statement in the shadow database next to what lint predicted:
/// the strongest lock taken on each table that existed before the migration, and the relations
/// whose files were rewritten (<c>relfilenode</c> changed).
/// </summary>
public sealed record TracedStatement(
    string File,
    int Line,
    int Column,
    string Statement,
    IReadOnlyList<TableLock> Predicted,
    IReadOnlyList<TableLock> Observed,
    IReadOnlyList<string> PredictedRewrites,
    IReadOnlyList<string> ObservedRewrites,
    bool Agrees,
    string? Note);

/// <summary>The result of a lint run.</summary>
public sealed record LintReport(IReadOnlyList<LintFinding> Findings, int Files, int Statements, int PostgresVersion)
{
    /// <summary>True when no finding is error-level.</summary>
    public bool Ok => !Findings.Any(f => f.Severity == LintSeverity.Error);

    /// <summary>Statement-by-statement observations from <c>--trace</c>; empty without it.</summary>
    public IReadOnlyList<TracedStatement> Trace { get; init; } = [];

    /// <summary>Where the shadow database for <c>--trace</c> was, for messages.</summary>
    public string? TraceShadow { get; init; }
}
