using Microsoft.Extensions.Logging;
using Tidemark.Lint;
using Tidemark.Planning;
using Tidemark.Sources;

namespace Tidemark;

/// <summary>The lint gate: pending migrations are linted before anything runs (<see cref="MigratorOptions.Hazards"/>).</summary>
public sealed partial class Migrator
{
    /// <summary>
    /// Lints the pending migrations of <paramref name="plan"/> (applied ones still shape what lint knows
    /// of the schema). Refuses with <see cref="HazardsRefusedException"/> under <see cref="HazardPolicy.Refuse"/>
    /// when a finding is error-level; logs every finding as a warning under <see cref="HazardPolicy.Warn"/>.
    /// </summary>
    private IReadOnlyList<LintFinding> LintPending(MigrationSet source, Plan plan, int serverMajor, bool enforce)
    {
        if (_options.Hazards == HazardPolicy.Ignore || plan.Steps.Count == 0)
        {
            return [];
        }

        var pending = plan.Steps.Select(s => s.Migration.Path).ToHashSet(StringComparer.Ordinal);
        var config = _options.Directory is null ? LintConfig.Empty : LintConfig.Load(_options.Directory);
        var run = new RunSettings(_options.TransactionMode == TransactionMode.All, _options.LockTimeout, _options.StatementTimeout);
        var findings = Linter.LintMigrations(source.Versioned.Concat(source.Repeatable), pending, serverMajor, run, config);
        if (!enforce)
        {
            return findings;
        }

        if (_options.Hazards == HazardPolicy.Refuse && findings.Any(f => f.Severity == LintSeverity.Error))
        {
            throw new HazardsRefusedException(findings);
        }

        foreach (var f in findings.Where(f => f.Severity >= LintSeverity.Warning))
        {
            LintLog.Finding(_logger, f.Code, f.File, f.Line, f.Column, f.Message);
        }

        return findings;
    }
}

/// <summary>Log messages of the lint gate (event ids 8xxx).</summary>
internal static partial class LintLog
{
    [LoggerMessage(8000, LogLevel.Warning, "Lint {Code} at {File}:{Line}:{Column}: {Message}")]
    public static partial void Finding(ILogger logger, string code, string file, int line, int column, string message);
}
