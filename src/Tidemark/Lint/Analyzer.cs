using Tidemark.Sql;

namespace Tidemark.Lint;

/// <summary>How Tidemark will run the file being linted: the facts the transaction and timeout rules judge.</summary>
internal sealed record RunContext(bool Transactional, bool LockTimeoutSet, bool StatementTimeoutSet, bool AllInOneTransaction);

/// <summary>What lint predicts a statement does to tables that existed before its migration.</summary>
internal sealed class StatementEffect
{
    public Dictionary<string, LockMode> Locks { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Rewrites { get; } = new(StringComparer.Ordinal);

    /// <summary>False when lint has no lock model for the statement (then only strong observed locks are compared).</summary>
    public bool Modelled { get; set; } = true;

    /// <summary>
    /// The statement also touches objects the text does not name (CASCADE to dependent views, triggers
    /// that run their own SQL): locks beyond the predicted ones are expected and not a disagreement.
    /// </summary>
    public string? OpenEnded { get; set; }

    public void Lock(string table, LockMode mode)
    {
        if (!Locks.TryGetValue(table, out var held) || held < mode)
        {
            Locks[table] = mode;
        }
    }
}

/// <summary>
/// Applies the rules to one statement at a time, in file order, with the schema state of the
/// migrations before it. Emits findings through <see cref="Findings"/> and records the predicted
/// table locks and rewrites (<see cref="StatementEffect"/>) that <c>--trace</c> compares against.
/// </summary>
internal sealed partial class Analyzer(SchemaState state, int postgresVersion)
{
    private SqlScript _script = null!;
    private SqlStatement _statement = null!;
    private StatementEffect _effect = null!;
    private RunContext _run = null!;

    public List<LintFinding> Findings { get; } = [];

    public int PostgresVersion { get; } = postgresVersion;

    /// <summary>Lints one statement; returns the predicted effect on pre-existing tables.</summary>
    public StatementEffect Analyze(SqlScript script, SqlStatement statement, DdlStatement parsed, RunContext run)
    {
        _script = script;
        _statement = statement;
        _run = run;
        _effect = new StatementEffect();
        switch (parsed)
        {
            case CreateTable ct:
                AnalyzeCreateTable(ct);
                break;
            case AlterTable at:
                AnalyzeAlterTable(at);
                break;
            case CreateIndex ci:
                AnalyzeCreateIndex(ci);
                break;
            case DropIndex di:
                AnalyzeDropIndex(di);
                break;
            case Reindex ri:
                AnalyzeReindex(ri);
                break;
            case DropObjects drop:
                AnalyzeDrop(drop);
                break;
            case Truncate tr:
                AnalyzeTruncate(tr);
                break;
            case Vacuum { Full: true } vac:
                foreach (var t in vac.Tables.Where(t => !state.IsNew(t)))
                {
                    Lock(t, LockMode.AccessExclusive, rewrite: true);
                }

                Emit("TM115", 0, $"VACUUM FULL rewrites {Names(vac.Tables)} under ACCESS EXCLUSIVE: reads and writes wait until it finishes.",
                    LockMode.AccessExclusive, (vac.Tables.Count > 0 ? vac.Tables[0] : null), rewrite: true, scan: false,
                    PostgresVersion >= 19 ? $"REPACK (CONCURRENTLY) {Names(vac.Tables)};" : "-- Reclaim space online with pg_repack (extension) instead of VACUUM FULL; a plain VACUUM does not block.");
                break;
            case Cluster cl:
                if (cl.Table is not null && !state.IsNew(cl.Table))
                {
                    Lock(cl.Table, LockMode.AccessExclusive, rewrite: true);
                }

                if (cl.Table is null || !state.IsNew(cl.Table))
                {
                    Emit("TM115", 0, $"CLUSTER rewrites {cl.Table?.Display ?? "every clustered table"} under ACCESS EXCLUSIVE: reads and writes wait until it finishes.",
                        LockMode.AccessExclusive, cl.Table, rewrite: true, scan: false,
                        PostgresVersion >= 19 ? $"REPACK (CONCURRENTLY) {cl.Table?.Display};" : "-- Reorder online with pg_repack (extension) instead of CLUSTER.");
                }

                break;
            case AlterTypeAddValue add:
                _effect.Modelled = true;
                if (!add.Positioned)
                {
                    Emit("TM407", 0, $"ALTER TYPE {add.Type.Display} ADD VALUE {add.Value} appends the value at the end of the enum's sort order.",
                        null, null, false, false, $"ALTER TYPE {add.Type.Display} ADD VALUE {add.Value} AFTER '<existing value>';");
                }

                break;
            case CreateDomain dom:
                if (dom.HasConstraint)
                {
                    Emit("TM408", 0, $"Domain {dom.Domain.Display} has a constraint: changing it later checks every column of the domain in every table.",
                        null, null, false, false, $"CREATE DOMAIN {dom.Domain.Display} AS {dom.Type?.Display ?? "<type>"};  -- and put the CHECK on the table columns");
                }

                if (dom.Type is not null)
                {
                    CheckType(dom.Type, null, key: false);
                }

                break;
            case AlterDomainAddConstraint ad:
                Emit("TM120", 0, $"ALTER DOMAIN {ad.Domain.Display} ADD CONSTRAINT checks every column of type {ad.Domain.Display} in every table{(ad.NotValid ? string.Empty : " while holding locks on them")}.",
                    LockMode.Share, null, false, scan: !ad.NotValid,
                    $"ALTER DOMAIN {ad.Domain.Display} ADD CONSTRAINT <name> CHECK (…) NOT VALID;\n-- in a later migration:\nALTER DOMAIN {ad.Domain.Display} VALIDATE CONSTRAINT <name>;");
                _effect.Modelled = false;
                break;
            case CreateTrigger trg:
                Lock(trg.Table, LockMode.ShareRowExclusive);
                break;
            case CreatePolicy pol:
                Lock(pol.Table, LockMode.AccessExclusive);
                break;
            case RefreshMaterializedView rmv:
                Lock(rmv.View, rmv.Concurrently ? LockMode.Exclusive : LockMode.AccessExclusive);
                if (!rmv.Concurrently && !state.IsNew(rmv.View))
                {
                    Emit("TM119", 0, $"REFRESH MATERIALIZED VIEW {rmv.View.Display} takes ACCESS EXCLUSIVE: queries of the view wait until the refresh ends.",
                        LockMode.AccessExclusive, rmv.View, rewrite: false, scan: true,
                        $"REFRESH MATERIALIZED VIEW CONCURRENTLY {rmv.View.Display};  -- needs a unique index on the view");
                }

                break;
            case CreateView cv:
                CheckDuplicates(cv.Columns.Select(c => (c, 0)), $"view {cv.View.Display}");
                if (state.Find(cv.View) is { CreatedIn: var created } && created != state.Migration)
                {
                    Lock(cv.View, LockMode.AccessExclusive);
                }
                else
                {
                    _effect.Modelled = false;
                }

                break;
            case DropTrigger dt:
                Lock(dt.Table, LockMode.AccessExclusive);
                break;
            case Update up:
                Lock(up.Table, LockMode.RowExclusive);
                TriggersMayRun(up.Table);
                CheckDuplicates(up.Assignments, $"UPDATE {up.Table.Display}");
                break;
            case Dml dml:
                Lock(dml.Table, LockMode.RowExclusive);
                TriggersMayRun(dml.Table);
                break;
            case CommentOn { Table: { } commented }:
                Lock(commented, LockMode.ShareUpdateExclusive);
                break;
            case CreateEnum:
            case SetSetting:
            case TransactionControl:
                break;
            default:
                _effect.Modelled = false;
                break;
        }

        CheckTimeouts();
        return _effect;
    }

    private void TriggersMayRun(ObjectName table)
    {
        if (state.Triggered.Contains(table.Key))
        {
            _effect.OpenEnded = $"triggers on {table.Display} run their own statements";
        }
    }

    private static string Names(IReadOnlyList<ObjectName> names) => names.Count == 0 ? "the database's tables" : string.Join(", ", names.Select(n => n.Display));

    /// <summary>Records a predicted lock (and rewrite) on a table that existed before this migration.</summary>
    private void Lock(ObjectName table, LockMode mode, bool rewrite = false)
    {
        if (state.IsNew(table))
        {
            return;
        }

        _effect.Lock(table.Key, mode);
        if (rewrite)
        {
            _effect.Rewrites.Add(table.Key);
        }
    }

    private void Emit(string code, int offset, string message, LockMode? mode, ObjectName? table, bool rewrite, bool scan, string? safe)
    {
        var rule = RuleCatalog.Get(code);
        var at = _script.PositionAt(_statement.StartOffset + Math.Clamp(offset, 0, _statement.Length));
        Findings.Add(new LintFinding(
            _script.SourceName, at.Line, at.Column, code, rule.Name, rule.DefaultSeverity, message,
            mode is { } m && m != LockMode.None ? LockModes.Display(m) : null,
            mode is { } b && b != LockMode.None ? LockModes.Blocks(b) : null,
            rewrite, scan, safe, table?.Display)
        {
            Hazard = rule.Hazard,
            StatementIndex = _statement.Index,
            SourceLine = _script.LineText(at.Line),
        });
    }

    /// <summary>TM303/TM304: a blocking lock or a long operation with no timeout in effect for this run.</summary>
    private void CheckTimeouts()
    {
        var strongest = _effect.Locks.Count == 0 ? LockMode.None : _effect.Locks.Max(l => l.Value);
        if (LockModes.BlocksTraffic(strongest) && !_run.LockTimeoutSet)
        {
            var table = _effect.Locks.First(l => l.Value == strongest).Key;
            Emit("TM303", 0,
                $"{LockModes.Display(strongest)} on {table} is requested with no lock_timeout ({(_run.Transactional ? "Tidemark's LockTimeout is off" : "this migration runs outside a transaction, where Tidemark sets no lock_timeout")}): while it waits behind a long query, every later query on {table} queues behind it.",
                strongest, null, false, false, "SET lock_timeout = '5s';  -- first statement of the migration");
        }

        if ((_effect.Rewrites.Count > 0 || Findings.Any(f => f.StatementIndex == _statement.Index && f.File == _script.SourceName && f.Scan)) && !_run.StatementTimeoutSet)
        {
            Emit("TM304", 0, "This statement rewrites or scans a table with no statement_timeout: on a big table it runs (holding its lock) for as long as it takes.",
                null, null, false, false, "SET statement_timeout = '5min';  -- a bound you accept, first statement of the migration");
        }
    }

    private void CheckDuplicates(IEnumerable<(string Name, int Offset)> names, string where)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, offset) in names)
        {
            if (!seen.Add(name))
            {
                Emit("TM409", offset, $"Column {name} appears twice in {where}.", null, null, false, false, null);
            }
        }
    }

    private void CheckIdentifier(string name, int offset)
    {
        var bytes = System.Text.Encoding.UTF8.GetByteCount(name);
        if (bytes > 63)
        {
            Emit("TM406", offset, $"Identifier {name} is {bytes} bytes: PostgreSQL truncates it to 63, so the name in the database differs from the one in the migration.",
                null, null, false, false, $"-- use a name of at most 63 bytes, e.g. {Truncate63(name)}");
        }
    }

    private static string Truncate63(string name)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(name);
        return System.Text.Encoding.UTF8.GetString(bytes, 0, 63);
    }
}

/// <summary>File-level findings the engine raises (transaction control).</summary>
internal sealed partial class Analyzer
{
    public void AddFinding(SqlScript script, SqlStatement statement, string code, string message, string? safe)
    {
        _script = script;
        _statement = statement;
        Emit(code, 0, message, null, null, false, false, safe);
    }
}
