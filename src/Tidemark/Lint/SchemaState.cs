
namespace Tidemark.Lint;

/// <summary>
/// What lint knows about the schema while it walks the migrations in order: the tables each
/// migration created (statements on those are exempt from lock rules), column types (to tell a
/// binary-coercible type change from a rewrite), which table an index belongs to (DROP INDEX names
/// only the index), and constraints added NOT VALID in the current migration.
/// </summary>
internal sealed class SchemaState
{
    public Dictionary<string, TableInfo> Tables { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> IndexTable { get; } = new(StringComparer.Ordinal);

    /// <summary>Constraint names added NOT VALID in the current migration, keyed "table/constraint".</summary>
    public HashSet<string> NotValidThisMigration { get; } = new(StringComparer.Ordinal);

    /// <summary>Columns proven non-null by a CHECK (col IS NOT NULL) validated earlier, keyed "table/column".</summary>
    public HashSet<string> ProvenNotNull { get; } = new(StringComparer.Ordinal);

    public int Migration { get; set; }

    /// <summary>Tables with triggers: DML on them may run other statements.</summary>
    public HashSet<string> Triggered { get; } = new(StringComparer.Ordinal);

    /// <summary>Foreign keys as (referencing table, referenced table) keys: dropping either end locks the other.</summary>
    public List<(string From, string To, string Name)> ForeignKeys { get; } = [];

    public bool IsNew(ObjectName table) => Tables.TryGetValue(table.Key, out var t) && t.CreatedIn == Migration;

    public TableInfo? Find(ObjectName table) => Tables.GetValueOrDefault(table.Key);

    public void StartMigration(int index)
    {
        Migration = index;
        NotValidThisMigration.Clear();
    }

    /// <summary>Applies a statement's effect on the schema after the rules have looked at it.</summary>
    public void Apply(DdlStatement statement)
    {
        switch (statement)
        {
            case CreateTable ct when !ct.Temporary:
                var info = new TableInfo(Migration);
                foreach (var col in ct.Columns)
                {
                    info.Columns[col.Name] = col.Type;
                }

                Tables[ct.Table.Key] = info;
                foreach (var col in ct.Columns.Where(c => c.References is not null))
                {
                    ForeignKeys.Add((ct.Table.Key, col.References!.Key, $"{ct.Table.Name}_{col.Name}_fkey"));
                }

                foreach (var k in ct.Constraints.Where(k => k.ReferencedTable is not null))
                {
                    ForeignKeys.Add((ct.Table.Key, k.ReferencedTable!.Key, k.Name ?? $"{ct.Table.Name}_{string.Join('_', k.Columns)}_fkey"));
                }

                break;
            case CreateView cv:
                Tables[cv.View.Key] = new TableInfo(Migration) { IsView = true };
                break;
            case CreateIndex ci when ci.Index is not null:
                IndexTable[new ObjectName(ci.Index.Schema ?? ci.Table.Schema, ci.Index.Name).Key] = ci.Table.Key;
                break;
            case DropObjects { Kind: "TABLE" or "VIEW" or "MATERIALIZED VIEW" } drop:
                foreach (var n in drop.Names)
                {
                    Tables.Remove(n.Key);
                    ForeignKeys.RemoveAll(fk => fk.From == n.Key || fk.To == n.Key);
                }

                break;
            case AlterTable at:
                ApplyAlter(at);
                break;
            case CreateTrigger trg:
                Triggered.Add(trg.Table.Key);
                break;
        }
    }

    private void ApplyAlter(AlterTable at)
    {
        var key = at.Table.Key;
        if (!Tables.TryGetValue(key, out var table))
        {
            table = new TableInfo(-1);
            Tables[key] = table;
        }

        foreach (var action in at.Actions)
        {
            switch (action)
            {
                case AddColumn add:
                    table.Columns[add.Column.Name] = add.Column.Type;
                    if (add.Column.References is { } refd)
                    {
                        ForeignKeys.Add((key, refd.Key, $"{at.Table.Name}_{add.Column.Name}_fkey"));
                    }

                    break;
                case DropColumn drop:
                    table.Columns.Remove(drop.Column);
                    break;
                case DropConstraint dc:
                    ForeignKeys.RemoveAll(fk => fk.From == key && fk.Name == dc.Name);
                    break;
                case AlterColumnType change:
                    table.Columns[change.Column] = change.Type;
                    break;
                case RenameColumn rename when table.Columns.Remove(rename.From, out var type):
                    table.Columns[rename.To] = type;
                    break;
                case RenameTable rename:
                    Tables.Remove(key);
                    var renamed = new ObjectName(at.Table.Schema, rename.To).Key;
                    Tables[renamed] = table;
                    for (var i = 0; i < ForeignKeys.Count; i++)
                    {
                        var fk = ForeignKeys[i];
                        ForeignKeys[i] = (fk.From == key ? renamed : fk.From, fk.To == key ? renamed : fk.To, fk.Name);
                    }

                    break;
                case AddConstraint add:
                    var k = add.Constraint;
                    if (k is { Kind: ConstraintKind.ForeignKey, ReferencedTable: { } fkTo })
                    {
                        ForeignKeys.Add((key, fkTo.Key, k.Name ?? $"{at.Table.Name}_{string.Join('_', k.Columns)}_fkey"));
                    }

                    if (k.NotValid && k.Name is { } name)
                    {
                        NotValidThisMigration.Add(key + "/" + name);
                    }
                    else if (k.Kind == ConstraintKind.Check && !k.NotValid)
                    {
                        MarkProven(key, k.Body);
                    }

                    break;
            }
        }
    }

    private void MarkProven(string table, string checkBody)
    {
        var m = System.Text.RegularExpressions.Regex.Match(checkBody, @"CHECK\s*\(\s*""?(\w+)""?\s+IS\s+NOT\s+NULL\s*\)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        if (m.Success)
        {
            ProvenNotNull.Add(table + "/" + m.Groups[1].Value.ToLowerInvariant());
        }
    }
}

/// <summary>A table (or view) lint has seen created or altered.</summary>
internal sealed class TableInfo(int createdIn)
{
    /// <summary>Index of the migration that created it; -1 when it existed before the linted migrations.</summary>
    public int CreatedIn { get; } = createdIn;

    public bool IsView { get; init; }

    public Dictionary<string, TypeRef?> Columns { get; } = new(StringComparer.Ordinal);
}
