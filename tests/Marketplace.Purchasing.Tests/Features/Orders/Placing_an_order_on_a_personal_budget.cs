using Marketplace.Contracts.Onboarding;
using Marketplace.Purchasing.Consumers;
using Marketplace.Purchasing.Features.Orders;
using Marketplace.Purchasing.Features.Shared;

namespace Marketplace.Purchasing.Tests.Features.Orders;

/// <summary>Every rule, each refused with a problem-details reason a family can read, and nothing taken from the budget.</summary>
public sealed class Placing_an_order_on_a_personal_budget : IAsyncLifetime
{
    private readonly PurchasingDatabase db = new();
    private readonly Caller family = PurchasingDatabase.Family("rules");

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task AssertRefusedAsync(Answer answer, int status, string reason, Guid budgetId, long available)
    {
        Assert.True(answer.StatusCode == status, answer.Json);
        Assert.Equal(reason, answer.Body.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrWhiteSpace(answer.Body.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(answer.Body.GetProperty("detail").GetString()));
        Assert.Equal(available, (await db.BalanceAsync(budgetId)).Available);
    }

    [Fact]
    public async Task An_order_within_the_balance_is_placed_and_committed()
    {
        var offerId = await db.PublishOfferAsync(4_500);
        var budgetId = await db.AllocateAsync(family, 50_000);

        var answer = await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, budgetId, quantity: 2));

        Assert.Equal(201, answer.StatusCode);
        Assert.Equal("placed", answer.Body.GetProperty("status").GetString());
        Assert.Equal(9_000, answer.Body.GetProperty("amountPence").GetInt64());
        var balance = await db.BalanceAsync(budgetId);
        Assert.Equal((41_000L, 9_000L), (balance.Available, balance.Committed));
    }

    [Fact]
    public async Task Overspend_is_refused()
    {
        var offerId = await db.PublishOfferAsync(4_500);
        var budgetId = await db.AllocateAsync(family, 10_000);
        await AssertRefusedAsync(await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, budgetId, quantity: 3)), 409, "insufficient-budget", budgetId, 10_000);
    }

    [Fact]
    public async Task A_withdrawn_offer_is_refused()
    {
        var offerId = await db.PublishOfferAsync(4_500);
        await db.InTransactionAsync(t => StopSellingWithdrawnOfferConsumer.ApplyAsync(t, new OfferWithdrawn(offerId, PurchasingDatabase.ProviderId, 1, "gone", PurchasingDatabase.Now), default));
        var budgetId = await db.AllocateAsync(family, 10_000);
        await AssertRefusedAsync(await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, budgetId)), 409, "offer-not-available", budgetId, 10_000);
        await AssertRefusedAsync(await db.PlaceAsync(family, PurchasingDatabase.Order(Guid.NewGuid(), budgetId)), 409, "offer-not-available", budgetId, 10_000);
    }

    [Fact]
    public async Task An_offer_of_a_suspended_provider_is_refused_until_it_is_reinstated()
    {
        var providerId = Guid.NewGuid();
        var offerId = await db.PublishOfferAsync(4_500, providerId: providerId);
        var budgetId = await db.AllocateAsync(family, 10_000);
        await db.InTransactionAsync(t => ProviderStatusUpdate.ApplyAsync(t, providerId, suspended: true, 2, "Insurance lapsed", default));
        await AssertRefusedAsync(await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, budgetId)), 409, "provider-suspended", budgetId, 10_000);

        await db.InTransactionAsync(t => ProviderStatusUpdate.ApplyAsync(t, providerId, suspended: false, 3, "Insurance renewed", default));
        Assert.Equal(201, (await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, budgetId))).StatusCode);
    }

    [Fact]
    public async Task An_order_for_an_old_version_of_the_offer_is_refused()
    {
        var offerId = await db.PublishOfferAsync(4_500);
        await db.PublishOfferAsync(6_000, offerId: offerId, version: 2);
        var budgetId = await db.AllocateAsync(family, 10_000);
        await AssertRefusedAsync(await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, budgetId, version: 1)), 409, "offer-changed", budgetId, 10_000);
        await AssertRefusedAsync(await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, budgetId, version: 2, costOption: 5)), 400, "no-such-price", budgetId, 10_000);
        Assert.Equal(6_000, (await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, budgetId, version: 2))).Body.GetProperty("amountPence").GetInt64());
    }

    [Fact]
    public async Task An_offer_that_is_not_budget_eligible_is_refused()
    {
        var offerId = await db.PublishOfferAsync(4_500, budgetEligible: false);
        var budgetId = await db.AllocateAsync(family, 10_000);
        await AssertRefusedAsync(await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, budgetId)), 400, "not-budget-eligible", budgetId, 10_000);
    }

    [Theory]
    [InlineData("school-placement")]
    [InlineData("post-16-placement")]
    public async Task A_direct_payment_never_buys_a_school_or_post_16_placement(string serviceType)
    {
        var offerId = await db.PublishOfferAsync(4_500, serviceType: serviceType);
        var direct = await db.AllocateAsync(family, 10_000, deliveryMode: "direct-payment");
        await AssertRefusedAsync(await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, direct)), 400, "direct-payment-placement", direct, 10_000);

        // The same placement through an organised arrangement is allowed, and a direct payment buys other services.
        var organised = await db.AllocateAsync(family, 10_000, deliveryMode: "organised");
        Assert.Equal(201, (await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, organised))).StatusCode);
        var therapy = await db.PublishOfferAsync(4_500);
        Assert.Equal(201, (await db.PlaceAsync(family, PurchasingDatabase.Order(therapy, direct))).StatusCode);
    }

    [Fact]
    public async Task At_the_threshold_the_order_waits_for_approval_with_the_money_committed()
    {
        var offerId = await db.PublishOfferAsync(5_000);
        var budgetId = await db.AllocateAsync(family, 100_000, thresholdPence: 10_000);

        var below = await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, budgetId, quantity: 1));
        var at = await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, budgetId, quantity: 2));

        Assert.Equal("placed", below.Body.GetProperty("status").GetString());
        Assert.Equal("awaiting-approval", at.Body.GetProperty("status").GetString());
        var balance = await db.BalanceAsync(budgetId);
        Assert.Equal((85_000L, 15_000L), (balance.Available, balance.Committed));

        // The provider cannot accept it before the local authority approves it.
        var atId = at.Body.GetProperty("id").GetGuid();
        Assert.Equal(409, (await db.MoveAsync(PurchasingDatabase.Provider, atId, OrderStep.Accept)).StatusCode);
        Assert.Equal(404, (await db.MoveAsync(PurchasingDatabase.OtherOfficer, atId, OrderStep.Approve)).StatusCode);
        var approved = await db.MoveAsync(PurchasingDatabase.Officer, atId, OrderStep.Approve, "Matches the plan");
        Assert.Equal("placed", approved.Body.GetProperty("status").GetString());
        Assert.Equal(200, (await db.MoveAsync(PurchasingDatabase.Provider, atId, OrderStep.Accept)).StatusCode);
        Assert.Equal(1, await db.ScalarAsync<int>("SELECT count(*) FROM audit_trail WHERE order_id = @atId AND action = 'approved'", new { atId }));
    }

    [Fact]
    public async Task A_refusal_by_the_local_authority_releases_the_money_with_its_reason()
    {
        var offerId = await db.PublishOfferAsync(5_000);
        var budgetId = await db.AllocateAsync(family, 100_000, thresholdPence: 5_000);
        var orderId = (await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, budgetId))).Body.GetProperty("id").GetGuid();

        var refused = await db.MoveAsync(PurchasingDatabase.Officer, orderId, OrderStep.Refuse, "The plan already funds this");

        Assert.Equal("refused", refused.Body.GetProperty("status").GetString());
        Assert.Equal("The plan already funds this", refused.Body.GetProperty("reason").GetString());
        var balance = await db.BalanceAsync(budgetId);
        Assert.Equal((100_000L, 0L), (balance.Available, balance.Committed));
        Assert.Equal("The plan already funds this", await db.ScalarAsync<string>("SELECT reason FROM audit_trail WHERE order_id = @orderId", new { orderId }));
    }

    [Fact]
    public async Task Only_a_budget_holder_spends_a_budget_and_only_a_school_uses_a_school_account()
    {
        var offerId = await db.PublishOfferAsync(4_500, schoolsCanBuy: false);
        var budgetId = await db.AllocateAsync(family, 10_000);

        await AssertRefusedAsync(await db.PlaceAsync(PurchasingDatabase.School, PurchasingDatabase.Order(offerId, budgetId)), 403, "not-a-budget-holder", budgetId, 10_000);
        var onAccount = new PlaceOrderRequest(offerId, 1, 0, 1, new OrderFunding("school-account", null, null, "PO-1"), "Year 4");
        await AssertRefusedAsync(await db.PlaceAsync(family, onAccount), 403, "not-a-school", budgetId, 10_000);
        await AssertRefusedAsync(await db.PlaceAsync(PurchasingDatabase.School, onAccount), 400, "not-for-schools", budgetId, 10_000);

        await db.SetUpSchoolAsync(capPence: null);
        var forSchools = await db.PublishOfferAsync(90_000, schoolsCanBuy: true);
        var schoolOrder = await db.PlaceAsync(PurchasingDatabase.School, onAccount with { OfferId = forSchools });
        Assert.Equal(201, schoolOrder.StatusCode);
        Assert.Equal("PO-1", schoolOrder.Body.GetProperty("purchaseOrderNumber").GetString());
    }

    [Fact]
    public async Task An_invalid_request_names_each_field()
    {
        var errors = OrderPlacement.Validate(new PlaceOrderRequest(null, 0, -1, 0, new OrderFunding("budget", null, "dentistry", null), ""));
        Assert.True(errors.Any);
        Assert.True(OrderPlacement.Validate(new PlaceOrderRequest(Guid.NewGuid(), 1, 0, 1, null, "Sam")).Any);
    }
}
