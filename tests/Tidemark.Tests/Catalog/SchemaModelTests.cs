using Tidemark.Catalog;

namespace Tidemark.Tests.Catalog;

public class SchemaModelTests
{
    private static readonly QualifiedName Users = new("public", "users");

    private static TableInfo Table(string defaultExpression = "'x'::text") => new(
        Users,
        TablePersistence.Permanent,
        [new ColumnInfo("id", "integer", true), new ColumnInfo("name", "text", false, Default: defaultExpression)],
        [new ConstraintInfo("users_pkey", ConstraintKind.PrimaryKey, ["id"], "PRIMARY KEY (id)")],
        [],
        [],
        []);

    private static SchemaModel Model(int version, TableInfo table) =>
        SchemaModel.Empty(version) with { Schemas = [new SchemaInfo("public")], Tables = [table] };

    [Fact]
    public void Records_built_separately_are_equal_structurally()
    {
        Assert.Equal(Table(), Table());
        Assert.True(Table() == Table());
        Assert.Equal(Table().GetHashCode(), Table().GetHashCode());
        Assert.NotEqual(Table(), Table("'y'::text"));
    }

    [Fact]
    public void Model_equality_ignores_the_server_version_and_so_does_the_fingerprint()
    {
        var a = Model(150004, Table());
        var b = Model(170002, Table());
        Assert.Equal(a, b);
        Assert.Equal(Fingerprint.Compute(a), Fingerprint.Compute(b));
        Assert.NotEqual(Fingerprint.Compute(a), Fingerprint.Compute(Model(150004, Table("'y'::text"))));
    }

    [Fact]
    public void Equatable_array_compares_elements_in_order_and_default_is_empty()
    {
        EquatableArray<string> ab = ["a", "b"];
        Assert.Equal(ab, EquatableArray.Create<string>(["a", "b"]));
        Assert.NotEqual(ab, ["b", "a"]);
        Assert.Equal(default, EquatableArray<string>.Empty);
        Assert.True(default(EquatableArray<string>).IsEmpty);
        Assert.Equal("[a, b]", ab.ToString());
    }

    [Fact]
    public void Lookups_find_objects_by_name_and_dependencies_by_key()
    {
        var fn = new FunctionInfo(new("public", "f"), "integer", FunctionKind.Function, "sql", "integer", "CREATE FUNCTION ...");
        var model = Model(150000, Table()) with
        {
            Functions = [fn],
            Dependencies = [new DependencyEdge(ObjectKey.Table(Users), ObjectKey.Schema("public"))],
        };
        Assert.Same(model.Tables[0], model.FindTable(Users));
        Assert.Null(model.FindTable(new("public", "Users")));
        Assert.Equal(fn, model.FindFunction(ObjectKey.Function(new("public", "f"), "integer")));
        Assert.Equal("function:public.f(integer)", fn.Key.Value);
        Assert.Equal([ObjectKey.Schema("public")], model.DependenciesOf(ObjectKey.Table(Users)));
        Assert.Equal([ObjectKey.Table(Users)], model.DependentsOf(ObjectKey.Schema("public")));
        Assert.Contains(ObjectKey.Column(Users, "name"), model.AllKeys);
        Assert.Contains(ObjectKey.Constraint(Users, "users_pkey"), model.AllKeys);
    }

    [Fact]
    public void Keys_quote_identifiers_as_sql_does()
    {
        Assert.Equal("table:app.\"Order\"", ObjectKey.Table(new("app", "Order")).Value);
        Assert.Equal("column:public.\"user\".\"e\"\"mail\"", ObjectKey.Column(new("public", "user"), "e\"mail").Value);
        Assert.Equal("column", ObjectKey.Column(Users, "id").Kind);
    }

    [Theory]
    [InlineData("users", "users")]
    [InlineData("Users", "\"Users\"")]
    [InlineData("user", "\"user\"")]
    [InlineData("order", "\"order\"")]
    [InlineData("name", "name")]
    [InlineData("with space", "\"with space\"")]
    [InlineData("a\"b", "\"a\"\"b\"")]
    [InlineData("1st", "\"1st\"")]
    [InlineData("_x1", "_x1")]
    [InlineData("", "\"\"")]
    public void Quote_quotes_only_when_needed(string identifier, string expected) => Assert.Equal(expected, Identifiers.Quote(identifier));

    [Fact]
    public void Literal_doubles_quotes_and_uses_escape_syntax_for_backslashes()
    {
        Assert.Equal("'it''s'", Identifiers.Literal("it's"));
        Assert.Equal("E'a\\\\b'", Identifiers.Literal("a\\b"));
    }
}
