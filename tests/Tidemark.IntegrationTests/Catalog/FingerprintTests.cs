using Tidemark.Catalog;

namespace Tidemark.IntegrationTests.Catalog;

public class FingerprintTests
{
    [Fact]
    public async Task Dump_and_restore_gives_an_equal_model_and_fingerprint()
    {
        var source = await RichModel.ConnectionStringAsync();
        var restored = await CatalogTestDb.DumpAndRestoreAsync(source);

        var before = await RichModel.GetAsync();
        var after = await CatalogTestDb.ReadAsync(restored);

        Assert.Equal(CatalogJson.Serialize(before), CatalogJson.Serialize(after)); // shows the difference when there is one
        Assert.Equal(before, after);
        Assert.True(before == after);
        Assert.Equal(Fingerprint.Compute(before), Fingerprint.Compute(after));
        Assert.Matches("^[0-9a-f]{64}$", Fingerprint.Compute(before));
    }

    [Fact]
    public async Task Dump_and_restore_of_tricky_objects_gives_an_equal_model()
    {
        var source = await CatalogTestDb.CreateAsync("cattricky", TrickySchema.Sql);
        var restored = await CatalogTestDb.DumpAndRestoreAsync(source);
        var before = await CatalogTestDb.ReadAsync(source);
        var after = await CatalogTestDb.ReadAsync(restored);
        var sales = new QualifiedName("Sales", "select");
        var id = before.FindTable(sales)!.FindColumn("ID")!;
        Assert.Equal(new IdentityInfo(IdentityKind.ByDefault, new("Sales", "select_ID_seq"), "integer", 5, 3, 5, 999, 2, true), id.Identity);
        Assert.Equal("the \"id\"", id.Comment);
        Assert.True(before.FindTable(sales)!.FindConstraint("qty_positive")!.NoInherit);
        Assert.Equal(new IndexKeyInfo(null, "((price * (qty)::numeric))", Descending: true, NullsFirst: true), before.FindTable(sales)!.FindIndex("select_expr")!.Keys[0]);
        Assert.Equal(await TestServer.MajorVersionAsync() >= 15, before.FindTable(sales)!.FindIndex("select_tags_nnd")!.NullsNotDistinct);
        Assert.Equal(new QualifiedName("Sales", "m_eu"), before.FindTable(new("Sales", "m_eu_2024"))!.PartitionOf);
        Assert.Equal("RANGE (at)", before.FindTable(new("Sales", "m_eu"))!.PartitionKey);
        Assert.Equal(TriggerEnabled.Always, before.FindTable(new("Sales", "ref"))!.Triggers[0].Enabled);
        Assert.Equal(["tidemark_catalog_reader"], before.FindTable(new("Sales", "ref"))!.Policies[0].Roles);
        Assert.Equal("v2_ins", Assert.Single(before.FindView(new("Sales", "v2"))!.Triggers).Name);
        Assert.Equal(["check_option=cascaded"], before.FindView(new("Sales", "v"))!.Options);
        Assert.EndsWith("OUT b integer", before.Functions.Single(f => f.Name.Name == "p").Arguments, StringComparison.Ordinal);
        Assert.Equal(CatalogJson.Serialize(before), CatalogJson.Serialize(after));
        Assert.Equal(before, after);
        Assert.Equal(Fingerprint.Compute(before), Fingerprint.Compute(after));
    }

    [Fact]
    public async Task Fingerprint_does_not_depend_on_creation_order_but_on_every_attribute()
    {
        const string Types = "CREATE TYPE s.color AS ENUM ('red', 'green');";
        const string Users = "CREATE TABLE s.users (id int PRIMARY KEY, name text DEFAULT 'x', color s.color);";
        const string Posts = """
            CREATE TABLE s.posts (id int PRIMARY KEY, user_id int REFERENCES s.users(id) ON DELETE CASCADE, body text);
            CREATE INDEX posts_user ON s.posts (user_id);
            """;
        const string View = "CREATE VIEW s.v AS SELECT u.name, p.body FROM s.users u JOIN s.posts p ON p.user_id = u.id;";
        const string Fn = "CREATE FUNCTION s.f(x int) RETURNS int LANGUAGE sql AS 'SELECT x';";

        var a = await CatalogTestDb.CreateAsync("catfa", "CREATE SCHEMA s;" + Types + Users + Posts + View + Fn);
        var b = await CatalogTestDb.CreateAsync("catfb", "CREATE SCHEMA s;" + Fn + Types + """
            CREATE TABLE s.posts (id int PRIMARY KEY, user_id int, body text);
            CREATE TABLE s.users (id int PRIMARY KEY, name text DEFAULT 'x', color s.color);
            ALTER TABLE s.posts ADD CONSTRAINT posts_user_id_fkey FOREIGN KEY (user_id) REFERENCES s.users(id) ON DELETE CASCADE;
            CREATE INDEX posts_user ON s.posts (user_id);
            """ + View);
        var c = await CatalogTestDb.CreateAsync("catfc", "CREATE SCHEMA s;" + Types + Users.Replace("DEFAULT 'x'", "DEFAULT 'y'", StringComparison.Ordinal) + Posts + View + Fn);
        var d = await CatalogTestDb.CreateAsync("catfd", "CREATE SCHEMA s;" + Types + Users + Posts.Replace("CASCADE", "SET NULL", StringComparison.Ordinal) + View + Fn);

        var ma = await CatalogTestDb.ReadAsync(a);
        var mb = await CatalogTestDb.ReadAsync(b);
        Assert.Equal(CatalogJson.Serialize(ma), CatalogJson.Serialize(mb));
        Assert.Equal(ma, mb);
        Assert.Equal(Fingerprint.Compute(ma), Fingerprint.Compute(mb));

        var mc = await CatalogTestDb.ReadAsync(c);
        Assert.NotEqual(ma, mc);
        Assert.NotEqual(Fingerprint.Compute(ma), Fingerprint.Compute(mc));
        var md = await CatalogTestDb.ReadAsync(d);
        Assert.NotEqual(Fingerprint.Compute(ma), Fingerprint.Compute(md));
    }

    [Fact]
    public async Task Dropped_columns_leave_no_trace_and_column_order_does_not_count()
    {
        var a = await CatalogTestDb.CreateAsync("catda", "CREATE TABLE t (a int, gone int, b text); ALTER TABLE t DROP COLUMN gone;");
        var b = await CatalogTestDb.CreateAsync("catdb", "CREATE TABLE t (a int, b text);");
        var c = await CatalogTestDb.CreateAsync("catdc", "CREATE TABLE t (b text, a int);");
        var ma = await CatalogTestDb.ReadAsync(a);
        Assert.Equal(ma, await CatalogTestDb.ReadAsync(b));
        Assert.Equal(Fingerprint.Compute(ma), Fingerprint.Compute(await CatalogTestDb.ReadAsync(b)));
        // The model keeps the real order (inspect shows it); the fingerprint does not depend on it.
        var mc = await CatalogTestDb.ReadAsync(c);
        Assert.NotEqual(ma, mc);
        Assert.Equal(Fingerprint.Compute(ma), Fingerprint.Compute(mc));
    }
}
