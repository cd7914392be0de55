using Tidemark.Sources;

namespace Tidemark.Planning;

/// <summary>What a plan step does.</summary>
public enum StepAction
{
    /// <summary>Run the migration's statements and record it.</summary>
    Apply,

    /// <summary>Continue an interrupted non-transactional migration at its first unrecorded statement.</summary>
    Resume,

    /// <summary>Run a repeatable migration again because its checksum changed (or it never ran).</summary>
    Reapply,
}

/// <summary>One step of a plan, with the reason for it.</summary>
internal sealed record PlanStep(Migration Migration, StepAction Action, string Reason, int ResumeAt = 0)
{
    /// <summary>The history row to continue, for <see cref="StepAction.Resume"/>.</summary>
    public long? HistoryId { get; init; }
}

/// <summary>Kinds of validation problems: each refuses the run until fixed.</summary>
public enum ProblemKind
{
    /// <summary>The file of an applied migration changed since it was applied.</summary>
    ChecksumChanged,

    /// <summary>An applied migration is no longer in the migration folder.</summary>
    Missing,

    /// <summary>A pending migration sorts before the newest applied one.</summary>
    OutOfOrder,
}

/// <summary>Something about the migrations or the history that stops a run; names the file.</summary>
public sealed record ValidationProblem(ProblemKind Kind, string Version, string Name, string? Path, string Message, string NextStep);

/// <summary>What a run will do, step by step, and what stops it.</summary>
internal sealed record Plan(MigrationSet Source, IReadOnlyList<PlanStep> Steps, IReadOnlyList<ValidationProblem> Problems, string? CurrentVersion)
{
    public bool HasWork => Steps.Count > 0;

    public bool IsValid => Problems.Count == 0;
}
