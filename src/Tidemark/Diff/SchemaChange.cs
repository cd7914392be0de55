using System.Globalization;

namespace Tidemark.Diff;

/// <summary>
/// One DDL statement of a diff. <see cref="ObjectKey"/> is the catalog key of the object it changes
/// (<c>column:public.t.a</c>); <see cref="Sql"/> runs on PostgreSQL as it is (no trailing semicolon);
/// <see cref="Reason"/> explains the hazards or why this statement is needed, when not obvious.
/// </summary>
/// <param name="Kind">Whether the statement creates, alters or drops its object.</param>
/// <param name="ObjectKey">The catalog key of the object, e.g. <c>column:public.users.email</c>.</param>
/// <param name="Sql">The statement, without a trailing semicolon.</param>
/// <param name="Hazards">What deserves a human's attention before running it.</param>
/// <param name="Reason">Why the statement is needed or hazardous, when not obvious.</param>
public sealed record SchemaChange(ChangeKind Kind, string ObjectKey, string Sql, Hazards Hazards = Hazards.None, string? Reason = null)
{
    /// <summary>
    /// The statement's effect must be committed before any later statement can use it
    /// (<c>ALTER TYPE ... ADD VALUE</c>: the new label is unusable in the transaction that added it).
    /// Runners must commit after this statement (or run it in its own transaction).
    /// </summary>
    public bool RequiresCommit { get; init; }

    /// <summary>A one-line human description: <c>alter column:public.t.a (DataLoss, TableRewrite)</c>.</summary>
    public string Description
    {
        get
        {
            var verb = Kind switch
            {
                ChangeKind.Create => "create",
                ChangeKind.Alter => "alter",
                _ => "drop",
            };
            var text = verb + " " + ObjectKey;
            if (Hazards != Hazards.None)
            {
                text += " (" + Hazards.ToString() + ")";
            }

            return Reason is null ? text : string.Create(CultureInfo.InvariantCulture, $"{text}: {Reason}");
        }
    }
}
