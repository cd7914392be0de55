namespace Tidemark.Catalog;

/// <summary>Enumerates the <see cref="ObjectKey"/> of every object in a <see cref="SchemaModel"/>.</summary>
internal static class ModelKeys
{
    public static IEnumerable<ObjectKey> Enumerate(SchemaModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var s in model.Schemas)
        {
            yield return s.Key;
        }

        foreach (var e in model.Extensions)
        {
            yield return e.Key;
        }

        foreach (var e in model.Enums)
        {
            yield return e.Key;
        }

        foreach (var d in model.Domains)
        {
            yield return d.Key;
            foreach (var c in d.Checks)
            {
                yield return ObjectKey.Constraint(d.Name, c.Name);
            }
        }

        foreach (var c in model.CompositeTypes)
        {
            yield return c.Key;
        }

        foreach (var s in model.Sequences)
        {
            yield return s.Key;
        }

        foreach (var t in model.Tables)
        {
            yield return t.Key;
            foreach (var c in t.Columns)
            {
                yield return ObjectKey.Column(t.Name, c.Name);
            }

            foreach (var c in t.Constraints)
            {
                yield return ObjectKey.Constraint(t.Name, c.Name);
            }

            foreach (var i in t.Indexes)
            {
                yield return ObjectKey.Index(new QualifiedName(t.Name.Schema, i.Name));
            }

            foreach (var tr in t.Triggers)
            {
                yield return ObjectKey.Trigger(t.Name, tr.Name);
            }

            foreach (var p in t.Policies)
            {
                yield return ObjectKey.Policy(t.Name, p.Name);
            }
        }

        foreach (var v in model.Views)
        {
            yield return v.Key;
            foreach (var i in v.Indexes)
            {
                yield return ObjectKey.Index(new QualifiedName(v.Name.Schema, i.Name));
            }

            foreach (var tr in v.Triggers)
            {
                yield return ObjectKey.Trigger(v.Name, tr.Name);
            }
        }

        foreach (var f in model.Functions)
        {
            yield return f.Key;
        }
    }
}
