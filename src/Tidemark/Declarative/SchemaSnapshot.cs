using Tidemark.Catalog;

namespace Tidemark.Declarative;

/// <summary>
/// A schema read from one source (<see cref="DesiredState.ResolveAsync(string, DesiredStateOptions, SchemaSnapshot?, CancellationToken)"/>):
/// what it is, its fingerprint, the objects the model does not compare, and the renames the source declares
/// with <c>-- tidemark:renamed-from old_name</c> hints that apply against the schema it is compared with.
/// </summary>
public sealed class SchemaSnapshot
{
    internal SchemaSnapshot(string source, DesiredStateKind kind, string description, SchemaModel model, IReadOnlyList<NotComparedKind> notCompared)
    {
        Source = source;
        Kind = kind;
        Description = description;
        Model = model;
        ModelForDiff = model;
        NotCompared = notCompared;
        Fingerprint = Catalog.Fingerprint.Compute(model);
    }

    /// <summary>The source as given (<c>empty</c>, a URL, a folder, a file).</summary>
    public string Source { get; }

    /// <summary>Where the schema came from.</summary>
    public DesiredStateKind Kind { get; }

    /// <summary>For messages: <c>folder db/migrations (12 migrations, replayed in temporary database ...)</c>; never a password.</summary>
    public string Description { get; }

    /// <summary>The fingerprint of the schema (as in <c>tidemark inspect</c>).</summary>
    public string Fingerprint { get; }

    /// <summary>Objects found that the schema model does not compare (empty for <c>empty</c>).</summary>
    public IReadOnlyList<NotComparedKind> NotCompared { get; }

    /// <summary>Renames declared by hints that apply (<c>column public.users.full_name renamed from name</c>).</summary>
    public IReadOnlyList<string> Renames => RenameSteps.Select(r => r.Description).ToArray();

    /// <summary>The schema as read (columns in creation order).</summary>
    internal SchemaModel Model { get; }

    /// <summary>The schema with declared renames undone, so the differ sees the old names; the renames follow the diff.</summary>
    internal SchemaModel ModelForDiff { get; init; }

    internal IReadOnlyList<RenameStep> RenameSteps { get; init; } = [];
}
