using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Marketplace.Purchasing.Demo;
using Marketplace.ServiceDefaults.Demo;
using Marketplace.Testing;
using Npgsql;

namespace Marketplace.Purchasing.Tests.Features.Orders;

/// <summary>The whole system: demo offers reach purchasing through events, the demo family spends its seeded budget through the gateway.</summary>
[Collection(SystemCollection.Name)]
public sealed class Buying_with_the_demo_budget_through_the_gateway(MarketplaceSystem system)
{
    private sealed class DemoOffer
    {
        public Guid Id { get; set; }
        public int Version { get; set; }
        public long Price { get; set; }
    }

    private async Task<HttpClient> SignedInAsync(string user) => system.As(await system.TokenAsync($"{user}@{DemoRegion.EmailDomain}"));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(string.IsNullOrEmpty(body) ? "{}" : body).RootElement;
    }

    private async Task<DemoOffer> BudgetEligibleOfferOfTheDemoProviderAsync()
    {
        DemoOffer? offer = null;
        await Eventually.Async(async () =>
        {
            await using var connection = new NpgsqlConnection(system.ConnectionString("purchasing"));
            offer = await connection.QueryFirstOrDefaultAsync<DemoOffer>(
                """
                SELECT id, version, (cost_options -> 0 ->> 'amountPence')::bigint AS price FROM purchasing_offers
                WHERE provider_id = @provider AND status = 'published' AND budget_eligible
                  AND (cost_options -> 0 ->> 'amountPence')::bigint BETWEEN 1 AND 90000
                ORDER BY id LIMIT 1
                """, new { provider = DemoRegion.DemoProviderId });
            return offer is not null;
        }, TimeSpan.FromSeconds(60), "a budget-eligible demo offer in purchasing's read model");
        return offer!;
    }

    [Fact]
    public async Task A_family_orders_once_however_often_it_retries_and_the_provider_delivers()
    {
        var family = await SignedInAsync("family");
        var youngPerson = await SignedInAsync("youngperson");
        var provider = await SignedInAsync("provider");
        var officer = await SignedInAsync("officer");
        var otherProvider = await SignedInAsync("provider2");
        var otherOfficer = await SignedInAsync("officer.wigan");
        var offer = await BudgetEligibleOfferOfTheDemoProviderAsync();
        var budgetUrl = $"/api/purchasing/budgets/{DemoBuyersSeeder.FamilyBudgetId}";

        var budget = await JsonAsync(await family.GetAsync(budgetUrl), HttpStatusCode.OK);
        var before = budget.GetProperty("components")[0];
        Assert.Equal("education", before.GetProperty("component").GetString());
        await JsonAsync(await officer.GetAsync(budgetUrl), HttpStatusCode.OK);
        await JsonAsync(await youngPerson.GetAsync(budgetUrl), HttpStatusCode.NotFound);
        await JsonAsync(await otherOfficer.GetAsync(budgetUrl), HttpStatusCode.NotFound);

        var order = new
        {
            offerId = offer.Id, offerVersion = offer.Version, costOptionIndex = 0, quantity = 1, forReference = "Sam",
            funding = new { type = "budget", budgetId = DemoBuyersSeeder.FamilyBudgetId, component = "education" },
        };
        var key = Guid.NewGuid().ToString();
        var placed = await SendOrderAsync(family, order, key);
        var retried = await SendOrderAsync(family, order, key);
        var first = await JsonAsync(placed, HttpStatusCode.Created);
        var orderId = first.GetProperty("id").GetGuid();
        Assert.Equal(orderId, (await JsonAsync(retried, HttpStatusCode.Created)).GetProperty("id").GetGuid());

        // Another holder cannot spend the family's budget: a problem with a reason, nothing ordered.
        var stolen = await JsonAsync(await SendOrderAsync(youngPerson, order, Guid.NewGuid().ToString()), HttpStatusCode.NotFound);
        Assert.Equal("budget-not-found", stolen.GetProperty("reason").GetString());
        Assert.Equal("application/problem+json", (await SendOrderAsync(youngPerson, order, null)).Content.Headers.ContentType?.MediaType);

        // Each route, tried by someone it does not belong to, answers as if the order did not exist.
        await JsonAsync(await youngPerson.GetAsync($"/api/purchasing/orders/{orderId}"), HttpStatusCode.NotFound);
        await JsonAsync(await otherProvider.GetAsync($"/api/purchasing/orders/{orderId}"), HttpStatusCode.NotFound);
        await JsonAsync(await youngPerson.PostAsync($"/api/purchasing/orders/{orderId}/cancellation", null), HttpStatusCode.NotFound);
        await JsonAsync(await otherProvider.PostAsync($"/api/purchasing/orders/{orderId}/acceptance", null), HttpStatusCode.NotFound);
        await JsonAsync(await otherProvider.PostAsJsonAsync($"/api/purchasing/orders/{orderId}/decline", new { reason = "Not ours" }), HttpStatusCode.NotFound);
        Assert.DoesNotContain((await JsonAsync(await otherProvider.GetAsync("/api/purchasing/orders"), HttpStatusCode.OK)).EnumerateArray(),
            o => o.GetProperty("id").GetGuid() == orderId);
        await JsonAsync(await provider.GetAsync($"/api/purchasing/orders/{orderId}"), HttpStatusCode.OK);
        await JsonAsync(await officer.GetAsync($"/api/purchasing/orders/{orderId}"), HttpStatusCode.OK);
        await JsonAsync(await provider.PostAsync($"/api/purchasing/orders/{orderId}/acceptance", null), HttpStatusCode.OK);
        await JsonAsync(await provider.PostAsync($"/api/purchasing/orders/{orderId}/delivery", null), HttpStatusCode.OK);
        var delivered = (await JsonAsync(await family.GetAsync(budgetUrl), HttpStatusCode.OK)).GetProperty("components")[0];
        Assert.Equal(before.GetProperty("spentPence").GetInt64(), delivered.GetProperty("spentPence").GetInt64());

        // The provider invoices it: now the money is spent. Nobody else can invoice or see the invoice.
        var invoice = new
        {
            invoiceNumber = $"BP-{orderId:N}"[..20], vatStatus = "exempt", dueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30),
            lines = new[] { new { description = "Therapy session", quantity = 1, unitPricePence = offer.Price } },
        };
        await JsonAsync(await otherProvider.PostAsJsonAsync($"/api/purchasing/orders/{orderId}/invoice", invoice), HttpStatusCode.NotFound);
        await JsonAsync(await provider.PostAsJsonAsync($"/api/purchasing/orders/{orderId}/invoice", invoice), HttpStatusCode.Created);
        await JsonAsync(await youngPerson.GetAsync($"/api/purchasing/orders/{orderId}/invoice"), HttpStatusCode.NotFound);
        await JsonAsync(await otherProvider.GetAsync($"/api/purchasing/orders/{orderId}/invoice"), HttpStatusCode.NotFound);
        Assert.DoesNotContain((await JsonAsync(await otherProvider.GetAsync("/api/purchasing/invoices"), HttpStatusCode.OK)).EnumerateArray(),
            i => i.GetProperty("orderId").GetGuid() == orderId);
        Assert.Single((await JsonAsync(await family.GetAsync("/api/purchasing/invoices"), HttpStatusCode.OK)).EnumerateArray(),
            i => i.GetProperty("orderId").GetGuid() == orderId);
        await JsonAsync(await youngPerson.PostAsJsonAsync($"/api/purchasing/orders/{orderId}/payment", new { }), HttpStatusCode.NotFound);

        var after = (await JsonAsync(await family.GetAsync(budgetUrl), HttpStatusCode.OK)).GetProperty("components")[0];
        Assert.Equal(before.GetProperty("spentPence").GetInt64() + offer.Price, after.GetProperty("spentPence").GetInt64());
        Assert.Equal(before.GetProperty("availablePence").GetInt64() - offer.Price, after.GetProperty("availablePence").GetInt64());
        // The holder's list carries each part's balance too (the family pages read only the list).
        var listed = (await JsonAsync(await family.GetAsync("/api/purchasing/budgets"), HttpStatusCode.OK)).EnumerateArray()
            .Single(b => b.GetProperty("id").GetGuid() == DemoBuyersSeeder.FamilyBudgetId).GetProperty("components");
        Assert.Equal((await JsonAsync(await family.GetAsync(budgetUrl), HttpStatusCode.OK)).GetProperty("components").GetRawText(), listed.GetRawText());
        Assert.Equal(after.GetProperty("availablePence").GetInt64(), listed[0].GetProperty("availablePence").GetInt64());
        // The statement, in JSON and CSV, is the holder's and the LA's only; the officer's list has every budget of the LA.
        var statementUrl = $"{budgetUrl}/statement";
        var statement = await JsonAsync(await family.GetAsync(statementUrl), HttpStatusCode.OK);
        Assert.Contains(statement.GetProperty("lines").EnumerateArray(), l => l.GetProperty("kind").GetString() == "spend" && l.GetProperty("orderId").GetGuid() == orderId);
        var csv = await family.GetAsync($"{statementUrl}?format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("date,part,entry,amount", await csv.Content.ReadAsStringAsync());
        await JsonAsync(await youngPerson.GetAsync(statementUrl), HttpStatusCode.NotFound);
        await JsonAsync(await youngPerson.GetAsync($"{statementUrl}?format=csv"), HttpStatusCode.NotFound);
        await JsonAsync(await otherOfficer.GetAsync(statementUrl), HttpStatusCode.NotFound);
        await JsonAsync(await provider.GetAsync(statementUrl), HttpStatusCode.NotFound);
        await JsonAsync(await youngPerson.PostAsJsonAsync($"{budgetUrl}/adjustments", new { component = "education", amountPence = -1, reason = "x" }), HttpStatusCode.Forbidden);
        Assert.DoesNotContain((await JsonAsync(await youngPerson.GetAsync("/api/purchasing/budgets"), HttpStatusCode.OK)).EnumerateArray(),
            b => b.GetProperty("id").GetGuid() == DemoBuyersSeeder.FamilyBudgetId);
        var laBudgets = (await JsonAsync(await officer.GetAsync("/api/purchasing/budgets"), HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Contains(laBudgets, b => b.GetProperty("id").GetGuid() == DemoBuyersSeeder.FamilyBudgetId && b.GetProperty("allocatedPence").GetInt64() == 650_000);
        Assert.Contains(laBudgets, b => b.GetProperty("id").GetGuid() == DemoBuyersSeeder.YoungPersonBudgetId);
        Assert.Empty((await JsonAsync(await otherOfficer.GetAsync("/api/purchasing/budgets"), HttpStatusCode.OK)).EnumerateArray());

        var orders = await JsonAsync(await family.GetAsync("/api/purchasing/orders"), HttpStatusCode.OK);
        Assert.Single(orders.EnumerateArray(), o => o.GetProperty("id").GetGuid() == orderId);

        // The events left through the outbox relay.
        await Eventually.Async(async () =>
        {
            await using var connection = new NpgsqlConnection(system.ConnectionString("purchasing"));
            return await connection.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM outbox_messages WHERE sent_at IS NOT NULL AND body ->> 'orderId' = @id", new { id = orderId.ToString() }) == 4;
        }, TimeSpan.FromSeconds(20), "OrderPlaced, OrderAccepted, OrderDelivered and InvoiceIssued to be published");
    }

    [Fact]
    public async Task A_request_that_cannot_be_read_names_its_fields()
    {
        var family = await SignedInAsync("family");
        var answer = await JsonAsync(await SendOrderAsync(family, new { quantity = 0 }, null), HttpStatusCode.BadRequest);
        var errors = answer.GetProperty("errors");
        Assert.True(errors.TryGetProperty("offerId", out _));
        Assert.True(errors.TryGetProperty("quantity", out _));
        Assert.True(errors.TryGetProperty("funding.type", out _));

        var officer = await SignedInAsync("officer");
        await JsonAsync(await officer.PostAsJsonAsync("/api/purchasing/orders", new { }), HttpStatusCode.Forbidden);
    }

    private static Task<HttpResponseMessage> SendOrderAsync(HttpClient client, object order, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/purchasing/orders") { Content = JsonContent.Create(order) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return client.SendAsync(request);
    }
}
