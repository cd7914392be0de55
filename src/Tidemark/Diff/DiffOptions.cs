namespace Tidemark.Diff;

/// <summary>Choices the differ cannot make on its own.</summary>
public sealed record DiffOptions
{
    /// <summary>The defaults: enums that lose or reorder labels are recreated.</summary>
    public static DiffOptions Default { get; } = new();

    /// <summary>
    /// When an enum loses or reorders labels: true recreates the type and converts its columns through text
    /// (hazard <see cref="Hazards.DataLoss"/>); false refuses (the change is listed in <see cref="SchemaDiff.Unsupported"/>).
    /// </summary>
    public bool RecreateEnums { get; init; } = true;
}
