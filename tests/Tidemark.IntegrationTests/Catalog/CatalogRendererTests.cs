using System.Text.Json;
using Tidemark.Catalog;

namespace Tidemark.IntegrationTests.Catalog;

public class CatalogRendererTests
{
    [Fact]
    public async Task Text_summary_lists_tables_columns_constraints_indexes_and_counts()
    {
        var text = CatalogRenderer.ToText(await RichModel.GetAsync());
        Assert.Contains("schema app  -- application schema", text, StringComparison.Ordinal);
        Assert.Contains("  table app.\"Order\" with (fillfactor=70) [row level security, forced]", text, StringComparison.Ordinal);
        Assert.Contains("constraint order_user_fk FOREIGN KEY (user_id) REFERENCES public.\"user\"(id) MATCH FULL", text, StringComparison.Ordinal);
        Assert.Contains("index order_open_idx btree (user_id DESC NULLS LAST, status) include (note) where (status <> 'shipped'::text)  -- open orders", text, StringComparison.Ordinal);
        Assert.Contains("enum app.mood ('sad', 'meh', 'ok', 'happy')", text, StringComparison.Ordinal);
        Assert.Matches(@"\n    id +bigint NOT NULL GENERATED ALWAYS AS IDENTITY\n", text);
        Assert.Contains("2 schemas, 8 tables, ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_is_the_full_model_and_reads_back_equal()
    {
        var model = await RichModel.GetAsync();
        var json = CatalogRenderer.ToJson(model);
        using var doc = JsonDocument.Parse(json);
        var order = doc.RootElement.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetProperty("name").GetString() == "Order");
        var fk = order.GetProperty("constraints").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "order_user_fk");
        Assert.Equal("Cascade", fk.GetProperty("foreignKey").GetProperty("onDelete").GetString());
        Assert.Equal("table:app.\"Order\"", order.GetProperty("key").GetString());
        Assert.Equal(model, CatalogJson.Deserialize(json));
    }

    [Fact]
    public async Task Mermaid_has_entities_and_foreign_key_relationships()
    {
        var mermaid = CatalogRenderer.ToMermaid(await RichModel.GetAsync());
        Assert.StartsWith("erDiagram\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("    \"app.Order\" {\n        integer id PK\n        bigint user_id FK\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("    \"public.user\" ||--o{ \"app.Order\" : \"order_user_fk\"\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("text email UK \"login e-mail\"", mermaid, StringComparison.Ordinal);
    }
}
