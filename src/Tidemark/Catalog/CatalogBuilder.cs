using System.Data.Common;
using R = Tidemark.Catalog.CatalogQueries.Result;

namespace Tidemark.Catalog;

/// <summary>
/// Collects the rows of the catalog batch (joined by OID while reading) and assembles the OID-free, sorted
/// <see cref="SchemaModel"/>. Column positions below follow the SELECT lists in <see cref="CatalogQueries"/>.
/// </summary>
internal sealed partial class CatalogBuilder
{
    private readonly List<SchemaInfo> schemas = [];
    private readonly List<ExtensionInfo> extensions = [];
    private readonly List<EnumInfo> enums = [];
    private readonly Dictionary<uint, DomainInfo> domains = [];
    private readonly Dictionary<uint, List<DomainConstraintInfo>> domainChecks = [];
    private readonly Dictionary<uint, (QualifiedName Name, string? Comment)> composites = [];
    private readonly List<SequenceInfo> sequences = [];
    private readonly Dictionary<uint, TableInfo> tables = [];
    private readonly Dictionary<uint, List<ColumnInfo>> columns = [];
    private readonly Dictionary<(uint, string), IdentityInfo> identities = [];
    private readonly Dictionary<(uint, string), IdentityKind> identityKinds = [];
    private readonly List<(uint Rel, uint Index, ConstraintInfo Constraint)> constraints = [];
    private readonly Dictionary<uint, (uint Rel, IndexInfo Index)> indexes = [];
    private readonly Dictionary<uint, List<IndexKeyInfo>> indexKeys = [];
    private readonly Dictionary<uint, List<string>> indexIncludes = [];
    private readonly List<(uint Rel, TriggerInfo Trigger)> triggers = [];
    private readonly List<(uint Rel, PolicyInfo Policy)> policies = [];
    private readonly Dictionary<uint, ViewInfo> views = [];
    private readonly List<FunctionInfo> functions = [];
    private readonly List<(ObjectId From, ObjectId To)> dependencies = [];
    private readonly Dictionary<ObjectId, ObjectKey> objectKeys = [];
    private readonly Dictionary<(uint, short), string> columnNames = [];
    private int serverVersionNum;

    public void Add(R result, DbDataReader r)
    {
        switch (result)
        {
            case R.Settings:
                serverVersionNum = r.GetInt32(5);
                break;
            case R.Schemas:
                schemas.Add(new SchemaInfo(r.GetString(0), Str(r, 1)));
                Register(PgNamespace, Oid(r, 2), schemas[^1].Key);
                break;
            case R.Extensions:
                extensions.Add(new ExtensionInfo(r.GetString(0), r.GetString(1), r.GetString(2), Str(r, 3)));
                Register(PgExtension, Oid(r, 4), extensions[^1].Key);
                break;
            case R.Enums:
                enums.Add(new EnumInfo(new(r.GetString(0), r.GetString(1)), Arr(r, 2).ToEquatableArray(), Str(r, 3)));
                RegisterType(Oid(r, 4), Oid(r, 5), enums[^1].Key);
                break;
            case R.Domains:
                domains[Oid(r, 0)] = new DomainInfo(
                    new(r.GetString(1), r.GetString(2)), r.GetString(3), Str(r, 4), r.GetBoolean(5), Str(r, 6), [], Str(r, 7));
                RegisterType(Oid(r, 0), Oid(r, 8), domains[Oid(r, 0)].Key);
                break;
            case R.DomainConstraints:
                Bucket(domainChecks, Oid(r, 0)).Add(new DomainConstraintInfo(r.GetString(1), r.GetString(2), r.GetString(3), r.GetBoolean(4), Str(r, 5)));
                if (domains.TryGetValue(Oid(r, 0), out var domain))
                {
                    Register(PgConstraint, Oid(r, 6), ObjectKey.Constraint(domain.Name, r.GetString(1)));
                }

                break;
            case R.CompositeTypes:
                composites[Oid(r, 0)] = (new(r.GetString(1), r.GetString(2)), Str(r, 3));
                Register(PgClass, Oid(r, 0), ObjectKey.Type(composites[Oid(r, 0)].Name));
                RegisterType(Oid(r, 4), Oid(r, 5), ObjectKey.Type(composites[Oid(r, 0)].Name));
                break;
            case R.Sequences:
                AddSequence(r);
                break;
            case R.Tables:
                AddTable(r);
                break;
            case R.Columns:
                RegisterColumn(Oid(r, 0), r.GetInt16(9), r.GetString(1));
                columnNames[(Oid(r, 0), r.GetInt16(9))] = r.GetString(1);
                if (r.GetString(6) is { Length: > 0 } identity)
                {
                    identityKinds[(Oid(r, 0), r.GetString(1))] = identity == "a" ? IdentityKind.Always : IdentityKind.ByDefault;
                }

                Bucket(columns, Oid(r, 0)).Add(new ColumnInfo(
                    r.GetString(1), r.GetString(2), r.GetBoolean(3), Default: Str(r, 4), Collation: Str(r, 5),
                    Generated: Str(r, 7), Comment: Str(r, 8)));
                break;
            case R.Identities:
                AddIdentity(r);
                break;
            case R.Constraints:
                AddConstraint(r);
                break;
            case R.Indexes:
                AddIndex(r);
                break;
            case R.IndexKeys:
                AddIndexKey(r);
                break;
            case R.Triggers:
                RegisterChild(Oid(r, 0), PgTrigger, Oid(r, 7), r.GetString(1), ObjectKey.Trigger);
                triggers.Add((Oid(r, 0), new TriggerInfo(
                    r.GetString(1), r.GetString(2), new QualifiedName(r.GetString(3), r.GetString(4)) + "()",
                    TriggerState(r.GetChar(5)), Str(r, 6))));
                break;
            case R.Policies:
                RegisterChild(Oid(r, 0), PgPolicy, Oid(r, 8), r.GetString(1), ObjectKey.Policy);
                policies.Add((Oid(r, 0), new PolicyInfo(
                    r.GetString(1), r.GetBoolean(2), PolicyCmd(r.GetChar(3)), Sorted(Arr(r, 4)), Str(r, 5), Str(r, 6), Str(r, 7))));
                break;
            case R.Views:
                views[Oid(r, 0)] = new ViewInfo(new(r.GetString(1), r.GetString(2)), r.GetBoolean(3), r.GetString(4), [], Str(r, 6))
                {
                    Options = Sorted(Arr(r, 5)),
                };
                Register(PgClass, Oid(r, 0), views[Oid(r, 0)].Key);
                RegisterType(Oid(r, 7), OidOrZero(r, 8), views[Oid(r, 0)].Key);
                break;
            case R.Functions:
                AddFunction(r);
                break;
            case R.ExtensionMembers:
                if (objectKeys.TryGetValue(new ObjectId(PgExtension, Oid(r, 2), 0), out var extension))
                {
                    objectKeys.TryAdd(new ObjectId(Oid(r, 0), Oid(r, 1), 0), extension);
                }

                break;
            case R.RestoreSettings:
                break;
            case R.Dependencies:
                dependencies.Add((new(Oid(r, 0), Oid(r, 1), r.GetInt32(2)), new(Oid(r, 3), Oid(r, 4), r.GetInt32(5))));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(result), result, null);
        }
    }

    private void AddSequence(DbDataReader r)
    {
        ColumnRef? owner = r.IsDBNull(9) ? null : new ColumnRef(new(r.GetString(9), r.GetString(10)), r.GetString(11));
        sequences.Add(new SequenceInfo(
            new(r.GetString(0), r.GetString(1)), r.GetString(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6),
            r.GetInt64(7), r.GetBoolean(8), owner, Str(r, 12)));
        Register(PgClass, Oid(r, 13), sequences[^1].Key);
    }

    private void AddTable(DbDataReader r)
    {
        var parentSchemas = Arr(r, 8);
        var parentNames = Arr(r, 9);
        tables[Oid(r, 0)] = new TableInfo(
            new(r.GetString(1), r.GetString(2)),
            r.GetChar(3) == 'u' ? TablePersistence.Unlogged : TablePersistence.Permanent,
            [], [], [], [], [], Str(r, 13))
        {
            PartitionKey = Str(r, 4),
            PartitionOf = r.IsDBNull(5) ? null : new QualifiedName(r.GetString(5), r.GetString(6)),
            PartitionBound = Str(r, 7),
            Inherits = parentSchemas.Select((s, i) => new QualifiedName(s, parentNames[i])).ToEquatableArray(),
            RowSecurity = r.GetBoolean(10),
            ForceRowSecurity = r.GetBoolean(11),
            Options = Sorted([.. Arr(r, 12), .. Arr(r, 16).Select(o => "toast." + o)]),
        };
        Register(PgClass, Oid(r, 0), tables[Oid(r, 0)].Key);
        RegisterType(Oid(r, 14), OidOrZero(r, 15), tables[Oid(r, 0)].Key);
    }

    private void AddIdentity(DbDataReader r)
    {
        var column = (Oid(r, 0), r.GetString(1));
        identities[column] = new IdentityInfo(
            IdentityKind.Always, new(r.GetString(2), r.GetString(3)), r.GetString(4), r.GetInt64(5), r.GetInt64(6),
            r.GetInt64(7), r.GetInt64(8), r.GetInt64(9), r.GetBoolean(10));
    }

    private void AddConstraint(DbDataReader r)
    {
        var kind = r.GetChar(2) switch
        {
            'p' => ConstraintKind.PrimaryKey,
            'u' => ConstraintKind.Unique,
            'f' => ConstraintKind.ForeignKey,
            'c' => ConstraintKind.Check,
            _ => ConstraintKind.Exclude,
        };
        var relation = Oid(r, 0);
        var keyColumns = r.IsDBNull(3) ? [] : r.GetFieldValue<short[]>(3);
        var names = new List<string>(keyColumns.Length);
        foreach (var attnum in keyColumns)
        {
            if (columnNames.TryGetValue((relation, attnum), out var name))
            {
                names.Add(name);
            }
        }

        var definition = r.GetString(4);
        var constraint = new ConstraintInfo(r.GetString(1), kind, names.ToEquatableArray(), definition, Str(r, 17))
        {
            Deferrable = r.GetBoolean(5),
            InitiallyDeferred = r.GetBoolean(6),
            NotValid = r.GetBoolean(7),
            NoInherit = kind == ConstraintKind.Check && r.GetBoolean(8),
            CheckExpression = kind == ConstraintKind.Check ? CheckExpressionOf(definition) : null,
            ForeignKey = kind != ConstraintKind.ForeignKey ? null : new ForeignKeyInfo(
                new(r.GetString(9), r.GetString(10)), Arr(r, 11).ToEquatableArray(),
                FkAction(r.GetChar(12)), FkAction(r.GetChar(13)), FkMatch(r.GetChar(14))),
        };
        constraints.Add((Oid(r, 0), r.IsDBNull(16) ? 0 : Oid(r, 16), constraint));
        RegisterChild(Oid(r, 0), PgConstraint, Oid(r, 18), constraint.Name, ObjectKey.Constraint);
    }

    private void AddIndex(DbDataReader r)
    {
        var index = new IndexInfo(r.GetString(2), r.GetBoolean(3), r.GetString(4), [], [], Str(r, 5), r.GetString(9), Str(r, 10))
        {
            Valid = r.GetBoolean(6),
            NullsNotDistinct = r.GetBoolean(7),
            Options = Sorted(Arr(r, 8)),
        };
        indexes[Oid(r, 0)] = (Oid(r, 1), index);
    }

    private void AddIndexKey(DbDataReader r)
    {
        var index = Oid(r, 0);
        var column = Str(r, 2);
        if (!r.GetBoolean(1))
        {
            Bucket(indexIncludes, index).Add(column ?? Str(r, 3) ?? "");
            return;
        }

        Bucket(indexKeys, index).Add(new IndexKeyInfo(
            column, column is null ? Str(r, 3) : null, Str(r, 4), Str(r, 5), r.GetBoolean(6), r.GetBoolean(7)));
    }

    private void AddFunction(DbDataReader r)
    {
        var kind = r.GetChar(3) switch
        {
            'p' => FunctionKind.Procedure,
            'a' => FunctionKind.Aggregate,
            'w' => FunctionKind.Window,
            _ => FunctionKind.Function,
        };
        functions.Add(new FunctionInfo(
            new(r.GetString(0), r.GetString(1)), r.GetString(2), kind, r.GetString(4), Str(r, 5), r.GetString(6), Str(r, 13))
        {
            Arguments = r.GetString(7),
            Volatility = r.GetChar(8) switch { 'i' => Volatility.Immutable, 's' => Volatility.Stable, _ => Volatility.Volatile },
            Strict = r.GetBoolean(9),
            SecurityDefiner = r.GetBoolean(10),
            Parallel = r.GetChar(11) switch { 's' => ParallelSafety.Safe, 'r' => ParallelSafety.Restricted, _ => ParallelSafety.Unsafe },
            Config = Arr(r, 12).ToEquatableArray(),
        });
        Register(PgProc, Oid(r, 14), functions[^1].Key);
    }

    /// <summary>
    /// The expression of a CHECK constraint from <c>pg_get_constraintdef</c>, which is exactly
    /// <c>CHECK (</c>expression<c>)</c> [<c> NO INHERIT</c>] [<c> NOT VALID</c>] (saves deparsing it twice).
    /// </summary>
    internal static string CheckExpressionOf(string definition)
    {
        var text = definition;
        foreach (var suffix in (ReadOnlySpan<string>)[" NOT VALID", " NO INHERIT"])
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal))
            {
                text = text[..^suffix.Length];
            }
        }

        return text.StartsWith("CHECK (", StringComparison.Ordinal) && text.EndsWith(')') ? text[7..^1] : text;
    }

    private static string? Str(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static string[] Arr(DbDataReader r, int i) => r.IsDBNull(i) ? [] : r.GetFieldValue<string[]>(i);

    private static uint Oid(DbDataReader r, int i) => r.GetFieldValue<uint>(i);

    private static uint OidOrZero(DbDataReader r, int i) => r.IsDBNull(i) ? 0 : r.GetFieldValue<uint>(i);

    private static EquatableArray<string> Sorted(string[] items)
    {
        Array.Sort(items, StringComparer.Ordinal);
        return items.ToEquatableArray();
    }

    private static List<T> Bucket<T>(Dictionary<uint, List<T>> map, uint key)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        return list;
    }

    private static ForeignKeyAction FkAction(char c) => c switch
    {
        'r' => ForeignKeyAction.Restrict,
        'c' => ForeignKeyAction.Cascade,
        'n' => ForeignKeyAction.SetNull,
        'd' => ForeignKeyAction.SetDefault,
        _ => ForeignKeyAction.NoAction,
    };

    private static ForeignKeyMatch FkMatch(char c) => c switch
    {
        'f' => ForeignKeyMatch.Full,
        'p' => ForeignKeyMatch.Partial,
        _ => ForeignKeyMatch.Simple,
    };

    private static TriggerEnabled TriggerState(char c) => c switch
    {
        'D' => TriggerEnabled.Disabled,
        'R' => TriggerEnabled.Replica,
        'A' => TriggerEnabled.Always,
        _ => TriggerEnabled.Origin,
    };

    private static PolicyCommand PolicyCmd(char c) => c switch
    {
        'r' => PolicyCommand.Select,
        'a' => PolicyCommand.Insert,
        'w' => PolicyCommand.Update,
        'd' => PolicyCommand.Delete,
        _ => PolicyCommand.All,
    };

}
