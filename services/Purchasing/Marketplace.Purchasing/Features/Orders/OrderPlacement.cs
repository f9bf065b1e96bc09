using System.Text.Json;
using Dapper;
using Marketplace.Contracts.Purchasing;
using Marketplace.Purchasing.Features.Schools;
using Marketplace.Purchasing.Features.Shared;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Security;
using Npgsql;

namespace Marketplace.Purchasing.Features.Orders;

/// <summary>How an order is paid: from a personal budget's component, or (for a school) its own account with a purchase order number.</summary>
public sealed record OrderFunding(string? Type, Guid? BudgetId, string? Component, string? PurchaseOrderNumber);

/// <summary>
/// An order for one cost option of one version of an offer. <paramref name="ForReference"/> names who it is for by a
/// reference only (e.g. the family's own name for the child, or a pupil reference): never health details.
/// </summary>
public sealed record PlaceOrderRequest(Guid? OfferId, int? OfferVersion, int? CostOptionIndex, int? Quantity, OrderFunding? Funding, string? ForReference);

/// <summary>
/// Places an order. The rules, each refused with a reason a family can read (and challenge):
/// <list type="bullet">
/// <item>the offer is published at the version ordered, and its provider is not suspended;</item>
/// <item>a budget purchase is made by the budget's holder, within the budget's period, for a budget-eligible offer;</item>
/// <item>a direct payment never buys a school or post-16 placement: an offer whose service type is in
/// <see cref="PlacementServiceTypes"/> can be bought only through an organised or third-party arrangement;</item>
/// <item>an amount at or above the component's approval threshold is committed and waits for an LA officer (<c>awaiting-approval</c>);</item>
/// <item>never overspend: the money is taken with a conditional UPDATE of the component's balance row, in the same transaction
/// as the order and its ledger entry, and the balance row's <c>CHECK (available_pence &gt;= 0)</c> backs it up.</item>
/// </list>
/// </summary>
public static class OrderPlacement
{
    /// <summary>Service types that are placements in a school or post-16 institution (never bought by direct payment).</summary>
    public static readonly IReadOnlySet<string> PlacementServiceTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "school-placement", "specialist-school-placement", "post-16-placement", "college-placement",
    };

    public const int MaxQuantity = 500;

    public static ValidationErrors Validate(PlaceOrderRequest r)
    {
        var errors = new ValidationErrors();
        errors.Require(r.OfferId is not null && r.OfferId != Guid.Empty, "offerId", "Say which offer you are ordering.");
        errors.Require(r.OfferVersion is > 0, "offerVersion", "Say which version of the offer you saw (its price may have changed since).");
        errors.Require(r.CostOptionIndex is >= 0, "costOptionIndex", "Choose one of the offer's prices.");
        errors.Require(r.Quantity is > 0 and <= MaxQuantity, "quantity", $"Order between 1 and {MaxQuantity}.");
        errors.Require(!string.IsNullOrWhiteSpace(r.ForReference) && r.ForReference.Length <= 100, "forReference",
            "Say who the order is for, by a name or reference only (up to 100 characters, no health details).");
        switch (r.Funding?.Type)
        {
            case "budget":
                errors.Require(r.Funding.BudgetId is not null, "funding.budgetId", "Say which personal budget pays.");
                errors.Require(r.Funding.Component is "education" or "health" or "social-care", "funding.component",
                    "Say which part of the budget pays: education, health or social-care.");
                break;
            case "school-account":
                errors.Require(!string.IsNullOrWhiteSpace(r.Funding.PurchaseOrderNumber) && r.Funding.PurchaseOrderNumber.Length <= 50,
                    "funding.purchaseOrderNumber", "Enter the school's purchase order number (up to 50 characters).");
                break;
            default:
                errors.Add("funding.type", "Say how the order is paid: budget or school-account.");
                break;
        }

        return errors;
    }

    public static async Task<Answer> PlaceAsync(NpgsqlDataSource db, Caller caller, PlaceOrderRequest r, string? idempotencyKey, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var key = idempotencyKey is null ? null : $"orders:{idempotencyKey}";
        if (key is not null && await Idempotency.ClaimAsync(transaction, caller.UserId, key, Idempotency.Hash(r), ct) is { } first)
        {
            return first;
        }

        var answer = await DecideAsync(transaction, caller, r, now, ct);
        if (key is not null)
        {
            await Idempotency.RecordAsync(transaction, caller.UserId, key, answer, ct);
        }

        await transaction.CommitAsync(ct);
        return answer;
    }

    private static async Task<Answer> DecideAsync(NpgsqlTransaction transaction, Caller caller, PlaceOrderRequest r, DateTimeOffset now, CancellationToken ct)
    {
        var connection = transaction.Connection!;
        var funding = r.Funding!;
        var offer = await connection.QuerySingleOrDefaultAsync<SellableOffer>(new CommandDefinition(
            """
            SELECT o.id, o.provider_id, o.version, o.status, o.name, o.service_type, o.budget_eligible, o.schools_can_buy,
                   o.cost_options::text AS cost_options, coalesce(p.suspended, false) AS provider_suspended
            FROM purchasing_offers o LEFT JOIN purchasing_providers p ON p.provider_id = o.provider_id
            WHERE o.id = @OfferId
            """, new { r.OfferId }, transaction, cancellationToken: ct));
        if (offer is null || offer.Status != "published")
        {
            return Refuse(StatusCodes.Status409Conflict, "offer-not-available", "This service cannot be ordered",
                "The provider is not offering this service on the Local Offer at the moment.");
        }

        if (offer.ProviderSuspended)
        {
            return Refuse(StatusCodes.Status409Conflict, "provider-suspended", "This provider cannot take orders at the moment",
                "The local authority has suspended this provider, so it cannot take new orders until it is reinstated.");
        }

        if (offer.Version != r.OfferVersion)
        {
            return Refuse(StatusCodes.Status409Conflict, "offer-changed", "This service has changed since you looked at it",
                $"The provider has updated this service (now version {offer.Version}). Check the details and prices again before you order.");
        }

        var prices = JsonSerializer.Deserialize<List<PriceOption>>(offer.CostOptions, Answer.JsonOptions) ?? [];
        if (r.CostOptionIndex >= prices.Count)
        {
            return Refuse(StatusCodes.Status400BadRequest, "no-such-price", "That price is not one of this service's prices",
                $"This service has {prices.Count} price option(s); choose one of them.");
        }

        var price = prices[r.CostOptionIndex!.Value];
        var amount = checked(price.AmountPence * r.Quantity!.Value);
        var order = new OrderRow
        {
            Id = Guid.CreateVersion7(), BuyerUserId = caller.UserId, BuyerRole = caller.Role, BuyerOrganisation = caller.OrganisationId,
            OfferId = offer.Id, OfferVersion = offer.Version, ProviderId = offer.ProviderId, OfferName = offer.Name, CostOptionIndex = r.CostOptionIndex.Value,
            CostOptionLabel = price.Label, UnitPricePence = price.AmountPence, Quantity = r.Quantity.Value, AmountPence = amount, Funding = funding.Type!,
            ForReference = r.ForReference!.Trim(), Status = "placed", PlacedAt = now, UpdatedAt = now,
        };

        if (funding.Type == "school-account")
        {
            if (!caller.Is(MarketplaceRoles.School))
            {
                return Refuse(StatusCodes.Status403Forbidden, "not-a-school", "Only a school can order on a school account",
                    "Pay from a personal budget instead, or sign in with your school's account.");
            }

            if (!offer.SchoolsCanBuy)
            {
                return Refuse(StatusCodes.Status400BadRequest, "not-for-schools", "Schools cannot buy this service",
                    "The provider does not sell this service to schools.");
            }

            order.PurchaseOrderNumber = funding.PurchaseOrderNumber!.Trim();
            if (await SchoolAccounts.CommitAsync(transaction, caller, order, now, ct) is { } refused)
            {
                return refused;
            }
        }
        else
        {
            if (!caller.Is(MarketplaceRoles.Family, MarketplaceRoles.YoungPerson))
            {
                return Refuse(StatusCodes.Status403Forbidden, "not-a-budget-holder", "Only a budget holder can spend a personal budget",
                    "Sign in as the parent or young person who holds the budget.");
            }

            var component = await connection.QuerySingleOrDefaultAsync<FundingComponent>(new CommandDefinition(
                """
                SELECT b.id AS budget_id, b.local_authority, b.holder_user_id, b.holder_email, b.period_start, b.period_end,
                       c.delivery_mode, c.approval_threshold_pence, c.available_pence
                FROM budgets b JOIN budget_components c ON c.budget_id = b.id AND c.component = @Component
                WHERE b.id = @BudgetId
                """, new { funding.BudgetId, funding.Component }, transaction, cancellationToken: ct));
            if (component is null || !caller.Holds(component.HolderUserId, component.HolderEmail))
            {
                return Refuse(StatusCodes.Status404NotFound, "budget-not-found", "That budget was not found",
                    "There is no such budget or budget part, or it is not yours to spend. Check the budget you chose.");
            }

            var today = DateOnly.FromDateTime(now.UtcDateTime);
            if (today < component.PeriodStart || today > component.PeriodEnd)
            {
                return Refuse(StatusCodes.Status409Conflict, "budget-period", "This budget cannot be spent today",
                    $"This budget runs from {component.PeriodStart:d MMMM yyyy} to {component.PeriodEnd:d MMMM yyyy}.");
            }

            if (!offer.BudgetEligible)
            {
                return Refuse(StatusCodes.Status400BadRequest, "not-budget-eligible", "This service cannot be bought with a personal budget",
                    "The provider has not made this service available for personal budgets. You can ask the local authority why, or choose another service.");
            }

            if (component.DeliveryMode == "direct-payment" && PlacementServiceTypes.Contains(offer.ServiceType))
            {
                return Refuse(StatusCodes.Status400BadRequest, "direct-payment-placement", "A direct payment cannot pay for a school or college place",
                    "The law does not allow a direct payment to pay for a place at a school or post-16 institution. The local authority can arrange it for you instead.");
            }

            order.BudgetId = component.BudgetId;
            order.Component = funding.Component;
            order.LocalAuthority = component.LocalAuthority;
            order.DeliveryMode = component.DeliveryMode;
            if (component.ApprovalThresholdPence is { } threshold && amount >= threshold)
            {
                order.Status = "awaiting-approval";
            }

            // The only place money is taken: a conditional update of the balance row, in this transaction.
            var remaining = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                """
                UPDATE budget_components SET available_pence = available_pence - @amount, committed_pence = committed_pence + @amount
                WHERE budget_id = @BudgetId AND component = @Component AND available_pence >= @amount
                RETURNING available_pence
                """, new { amount, order.BudgetId, order.Component }, transaction, cancellationToken: ct));
            if (remaining is null)
            {
                var available = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT available_pence FROM budget_components WHERE budget_id = @BudgetId AND component = @Component",
                    new { order.BudgetId, order.Component }, transaction, cancellationToken: ct));
                return Refuse(StatusCodes.Status409Conflict, "insufficient-budget", "There is not enough left in this part of the budget",
                    $"This order costs {Money(amount)} but the {funding.Component} part of the budget has {Money(available)} left. Nothing was ordered or taken.");
            }
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO orders (id, buyer_user_id, buyer_role, buyer_organisation, offer_id, offer_version, provider_id, offer_name, cost_option_index,
                cost_option_label, unit_price_pence, quantity, amount_pence, funding, budget_id, component, purchase_order_number, local_authority,
                for_reference, status, placed_at, updated_at, delivery_mode, school_year_start)
            VALUES (@Id, @BuyerUserId, @BuyerRole, @BuyerOrganisation, @OfferId, @OfferVersion, @ProviderId, @OfferName, @CostOptionIndex,
                @CostOptionLabel, @UnitPricePence, @Quantity, @AmountPence, @Funding, @BudgetId, @Component, @PurchaseOrderNumber, @LocalAuthority,
                @ForReference, @Status, @PlacedAt, @UpdatedAt, @DeliveryMode, @SchoolYearStart)
            """, order, transaction, cancellationToken: ct));
        if (order.BudgetId is not null)
        {
            await Ledger.AppendAsync(transaction, order, "commitment", order.AmountPence, $"Committed to order for {order.OfferName}", caller.UserId, now, ct);
        }

        await Outbox.EnqueueAsync(transaction, new OrderPlaced(order.Id, order.OfferId, order.OfferVersion, order.ProviderId, offer.ServiceType,
            order.Funding == "budget" ? "budget-holder" : "school", order.Funding, order.Component, order.DeliveryMode, order.LocalAuthority, order.Quantity,
            order.AmountPence, order.Status, now), ct);
        return Answer.Created($"/api/purchasing/orders/{order.Id}", order);
    }

    private static Answer Refuse(int status, string reason, string title, string detail) => Answer.Problem(status, reason, title, detail);

    internal static string Money(long pence) => $"£{pence / 100}.{pence % 100:00}";
}
