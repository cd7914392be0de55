namespace Tidemark.Diff;

/// <summary>
/// The codes the differ's hazards share with lint findings: TM1xx locks and rewrites, TM2xx breaking changes and
/// data loss. The five hazard kinds keep their names and own the round codes of their range.
/// </summary>
internal static class HazardCodes
{
    /// <summary>Every hazard kind with its code, in code order.</summary>
    public static IReadOnlyList<(Hazards Kind, string Code)> All { get; } =
    [
        (Hazards.TableRewrite, "TM100"),
        (Hazards.AccessExclusiveLock, "TM101"),
        (Hazards.FullTableScan, "TM102"),
        (Hazards.DataLoss, "TM200"),
        (Hazards.Breaking, "TM201"),
    ];

    /// <summary>The code of one hazard kind (<c>TM200</c> for DataLoss).</summary>
    public static string Code(Hazards kind) => All.First(h => h.Kind == kind).Code;

    /// <summary>The individual kinds set in <paramref name="hazards"/>, in code order.</summary>
    public static IEnumerable<(Hazards Kind, string Code)> Of(Hazards hazards) => All.Where(h => (hazards & h.Kind) != 0);

    /// <summary><c>TM200 DataLoss, TM201 Breaking</c>.</summary>
    public static string Describe(Hazards hazards) => string.Join(", ", Of(hazards).Select(h => h.Code + " " + h.Kind));
}
