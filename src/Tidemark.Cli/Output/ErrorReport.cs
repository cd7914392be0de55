using Tidemark.Execution;
using Tidemark.Locking;
using Tidemark.Planning;
using Tidemark.Sources;
using Tidemark.Sql;
using Tidemark.Reconciliation;

namespace Tidemark.Cli.Output;

/// <summary>Maps exceptions to exit codes, text and JSON. No stack trace unless --verbose.</summary>
internal static class ErrorReport
{
    public static int ExitCodeOf(Exception ex) => ex switch
    {
        OperationCanceledException => ExitCodes.Cancelled,
        MigrationFailedException => ExitCodes.MigrationFailed,
        MigrationValidationException or AdoptionRefusedException or DriftDetectedException => ExitCodes.ValidationFailed,
        LockTimeoutException => ExitCodes.LockTimeout,
        RecoveryRefusedException => ExitCodes.Refused,
        MigrationSourceException or SqlSyntaxException => ExitCodes.BadInput,
        Tidemark.Connections.ConnectionFailedException => ExitCodes.ConnectionFailed,
        TidemarkException => ExitCodes.BadInput,
        _ => ExitCodes.MigrationFailed,
    };

    public static JsonError ToJson(Exception ex) => ex switch
    {
        MigrationFailedException m => new JsonError("migration_failed", m.Message, m.NextStep, ToJson(m.Failure), null),
        MigrationValidationException v => new JsonError("validation_failed", v.Message, v.NextStep, null, [.. v.Problems.Select(ToJson)]),
        AdoptionRefusedException a => new JsonError("adoption_refused", a.Message, a.NextStep, null, null) { Differences = a.Differences },
        DriftDetectedException d => new JsonError("drift_detected", d.Message, d.NextStep, null, null) { Differences = d.Report.Differences },
        LockTimeoutException l => new JsonError("lock_timeout", l.Message, l.NextStep, null, null),
        RecoveryRefusedException r => new JsonError("refused", r.Message, r.NextStep, null, null),
        OperationCanceledException => new JsonError("cancelled", "Cancelled; the migration in progress was rolled back.", null, null, null),
        TidemarkException t => new JsonError(ExitCodeOf(t) == ExitCodes.ConnectionFailed ? "connection_failed" : "bad_input", t.Message, t.NextStep, null, null),
        _ => new JsonError("internal_error", ex.Message, "Run again with --verbose and report the stack trace.", null, null),
    };

    public static JsonProblem ToJson(ValidationProblem p) => new(p.Kind.ToString(), p.Version, p.Name, p.Path, p.Message, p.NextStep);

    public static void WriteText(Terminal t, Exception ex, bool verbose)
    {
        switch (ex)
        {
            case OperationCanceledException:
                t.Error.WriteLine(t.Yellow("Cancelled.") + " The migration in progress was rolled back; applied migrations stay applied.");
                return;
            case TidemarkException tm:
                t.Error.WriteLine(t.Red("error: ") + tm.Message);
                if (tm.NextStep is not null && tm is not MigrationValidationException)
                {
                    t.Error.WriteLine(t.Bold("next: ") + tm.NextStep);
                }

                if (verbose && tm.InnerException is not null)
                {
                    t.Error.WriteLine(t.Dim(tm.InnerException.ToString()));
                }

                return;
            default:
                t.Error.WriteLine(t.Red("internal error: ") + ex.Message);
                t.Error.WriteLine(verbose ? ex.ToString() : "Run again with --verbose for the stack trace.");
                return;
        }
    }

    private static JsonFailure ToJson(MigrationFailure f) => new(f.Version, f.Name, f.Path, f.Line, f.Column, f.StatementNumber, f.StatementCount,
        f.SqlState, f.ServerMessage, f.Detail, f.Hint, f.Where, f.DatabaseState);
}
