using Tidemark.Catalog;

namespace Tidemark.Diff;

/// <summary>
/// The lookups the differ needs over one model, built once per diff with plain dictionaries (cheaper than the
/// model's own lookups, which also enumerate and sort every object key).
/// </summary>
internal sealed class ModelIndex
{
    private static readonly IReadOnlyList<ObjectKey> None = [];
    private readonly Dictionary<string, SchemaInfo> schemas = new(StringComparer.Ordinal);
    private readonly Dictionary<QualifiedName, TableInfo> tables = [];
    private readonly Dictionary<QualifiedName, ViewInfo> views = [];
    private readonly Dictionary<QualifiedName, SequenceInfo> sequences = [];
    private readonly Dictionary<QualifiedName, EnumInfo> enums = [];
    private readonly Dictionary<QualifiedName, DomainInfo> domains = [];
    private readonly Dictionary<QualifiedName, CompositeTypeInfo> composites = [];
    private readonly Dictionary<ObjectKey, FunctionInfo> functions = [];
    private readonly Dictionary<ObjectKey, List<ObjectKey>> dependsOn = [];
    private readonly Dictionary<ObjectKey, List<ObjectKey>> dependents = [];

    public ModelIndex(SchemaModel model)
    {
        foreach (var s in model.Schemas)
        {
            schemas[s.Name] = s;
        }

        foreach (var t in model.Tables)
        {
            tables[t.Name] = t;
        }

        foreach (var v in model.Views)
        {
            views[v.Name] = v;
        }

        foreach (var s in model.Sequences)
        {
            sequences[s.Name] = s;
        }

        foreach (var e in model.Enums)
        {
            enums[e.Name] = e;
        }

        foreach (var d in model.Domains)
        {
            domains[d.Name] = d;
        }

        foreach (var c in model.CompositeTypes)
        {
            composites[c.Name] = c;
        }

        foreach (var f in model.Functions)
        {
            functions[f.Key] = f;
        }

        foreach (var e in model.Dependencies)
        {
            Add(dependsOn, e.Dependent, e.Referenced);
            Add(dependents, e.Referenced, e.Dependent);
        }
    }

    public SchemaInfo? FindSchema(string name) => schemas.GetValueOrDefault(name);

    public TableInfo? FindTable(QualifiedName name) => tables.GetValueOrDefault(name);

    public ViewInfo? FindView(QualifiedName name) => views.GetValueOrDefault(name);

    public SequenceInfo? FindSequence(QualifiedName name) => sequences.GetValueOrDefault(name);

    public EnumInfo? FindEnum(QualifiedName name) => enums.GetValueOrDefault(name);

    public DomainInfo? FindDomain(QualifiedName name) => domains.GetValueOrDefault(name);

    public CompositeTypeInfo? FindCompositeType(QualifiedName name) => composites.GetValueOrDefault(name);

    public FunctionInfo? FindFunction(ObjectKey key) => functions.GetValueOrDefault(key);

    public IReadOnlyList<ObjectKey> DependenciesOf(ObjectKey key) => dependsOn.TryGetValue(key, out var v) ? v : None;

    public IReadOnlyList<ObjectKey> DependentsOf(ObjectKey key) => dependents.TryGetValue(key, out var v) ? v : None;

    private static void Add(Dictionary<ObjectKey, List<ObjectKey>> map, ObjectKey key, ObjectKey value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }
}
