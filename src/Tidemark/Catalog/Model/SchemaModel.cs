using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;

namespace Tidemark.Catalog;

/// <summary>
/// An immutable, normalized, OID-free model of a database schema as read from <c>pg_catalog</c>. Every collection
/// is sorted deterministically (by schema then name; functions by signature; columns and enum labels keep their
/// database order), so two models of the same schema are <c>==</c> whatever order the objects were created in.
/// Equality is structural and ignores <see cref="ServerVersionNum"/> (the server is not part of the schema).
/// Lookup helpers are built lazily on first use.
/// </summary>
internal sealed record SchemaModel(
    int ServerVersionNum,
    EquatableArray<SchemaInfo> Schemas,
    EquatableArray<ExtensionInfo> Extensions,
    EquatableArray<EnumInfo> Enums,
    EquatableArray<DomainInfo> Domains,
    EquatableArray<CompositeTypeInfo> CompositeTypes,
    EquatableArray<SequenceInfo> Sequences,
    EquatableArray<TableInfo> Tables,
    EquatableArray<ViewInfo> Views,
    EquatableArray<FunctionInfo> Functions,
    EquatableArray<DependencyEdge> Dependencies)
{
    private static readonly ConditionalWeakTable<SchemaModel, Lookups> LookupCache = new();

    /// <summary>A model with nothing in it.</summary>
    public static SchemaModel Empty(int serverVersionNum = 0) => new(serverVersionNum, [], [], [], [], [], [], [], [], [], []);

    public SchemaInfo? FindSchema(string name) => L.Schemas.GetValueOrDefault(name);

    public TableInfo? FindTable(QualifiedName name) => L.Tables.GetValueOrDefault(name);

    public ViewInfo? FindView(QualifiedName name) => L.Views.GetValueOrDefault(name);

    public SequenceInfo? FindSequence(QualifiedName name) => L.Sequences.GetValueOrDefault(name);

    public EnumInfo? FindEnum(QualifiedName name) => L.Enums.GetValueOrDefault(name);

    public DomainInfo? FindDomain(QualifiedName name) => L.Domains.GetValueOrDefault(name);

    public CompositeTypeInfo? FindCompositeType(QualifiedName name) => L.Composites.GetValueOrDefault(name);

    /// <summary>The routine with this <see cref="FunctionInfo.Key"/>.</summary>
    public FunctionInfo? FindFunction(ObjectKey key) => L.Functions.GetValueOrDefault(key);

    /// <summary>Objects that <paramref name="key"/> depends on (create them first).</summary>
    public IReadOnlyList<ObjectKey> DependenciesOf(ObjectKey key) => L.DependsOn.TryGetValue(key, out var v) ? v : [];

    /// <summary>Objects that depend on <paramref name="key"/> (drop them first).</summary>
    public IReadOnlyList<ObjectKey> DependentsOf(ObjectKey key) => L.Dependents.TryGetValue(key, out var v) ? v : [];

    /// <summary>Every object key in the model (schemas, types, tables, columns, constraints, indexes, ...), sorted.</summary>
    [JsonIgnore]
    public IReadOnlyList<ObjectKey> AllKeys => L.AllKeys;

    public bool Equals(SchemaModel? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Schemas == other.Schemas
                && Extensions == other.Extensions
                && Enums == other.Enums
                && Domains == other.Domains
                && CompositeTypes == other.CompositeTypes
                && Sequences == other.Sequences
                && Tables == other.Tables
                && Views == other.Views
                && Functions == other.Functions
                && Dependencies == other.Dependencies));

    public override int GetHashCode() =>
        HashCode.Combine(Schemas, Extensions, Enums, Domains, CompositeTypes, Sequences, Tables, HashCode.Combine(Views, Functions, Dependencies));

    private Lookups L => LookupCache.GetValue(this, static m => new Lookups(m));

    private sealed class Lookups
    {
        public Lookups(SchemaModel m)
        {
            Schemas = m.Schemas.ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);
            Tables = m.Tables.ToFrozenDictionary(t => t.Name);
            Views = m.Views.ToFrozenDictionary(v => v.Name);
            Sequences = m.Sequences.ToFrozenDictionary(s => s.Name);
            Enums = m.Enums.ToFrozenDictionary(e => e.Name);
            Domains = m.Domains.ToFrozenDictionary(d => d.Name);
            Composites = m.CompositeTypes.ToFrozenDictionary(c => c.Name);
            Functions = m.Functions.ToFrozenDictionary(f => f.Key);
            DependsOn = m.Dependencies.GroupBy(d => d.Dependent)
                .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<ObjectKey>)g.Select(d => d.Referenced).ToArray());
            Dependents = m.Dependencies.GroupBy(d => d.Referenced)
                .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<ObjectKey>)g.Select(d => d.Dependent).ToArray());
            AllKeys = ModelKeys.Enumerate(m).Order().ToArray();
        }

        public FrozenDictionary<string, SchemaInfo> Schemas { get; }

        public FrozenDictionary<QualifiedName, TableInfo> Tables { get; }

        public FrozenDictionary<QualifiedName, ViewInfo> Views { get; }

        public FrozenDictionary<QualifiedName, SequenceInfo> Sequences { get; }

        public FrozenDictionary<QualifiedName, EnumInfo> Enums { get; }

        public FrozenDictionary<QualifiedName, DomainInfo> Domains { get; }

        public FrozenDictionary<QualifiedName, CompositeTypeInfo> Composites { get; }

        public FrozenDictionary<ObjectKey, FunctionInfo> Functions { get; }

        public FrozenDictionary<ObjectKey, IReadOnlyList<ObjectKey>> DependsOn { get; }

        public FrozenDictionary<ObjectKey, IReadOnlyList<ObjectKey>> Dependents { get; }

        public IReadOnlyList<ObjectKey> AllKeys { get; }
    }
}
