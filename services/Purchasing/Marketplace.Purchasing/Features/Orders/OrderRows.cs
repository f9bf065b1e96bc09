namespace Marketplace.Purchasing.Features.Orders;

// Classes with settable properties rather than positional records: Dapper hands PostgreSQL arrays and
// timestamptz to constructors badly.

public sealed class OrderRow
{
    public Guid Id { get; set; }
    public string BuyerUserId { get; set; } = "";
    public string BuyerRole { get; set; } = "";
    public string? BuyerOrganisation { get; set; }
    public Guid OfferId { get; set; }
    public int OfferVersion { get; set; }
    public Guid ProviderId { get; set; }
    public string OfferName { get; set; } = "";
    public int CostOptionIndex { get; set; }
    public string CostOptionLabel { get; set; } = "";
    public long UnitPricePence { get; set; }
    public int Quantity { get; set; }
    public long AmountPence { get; set; }
    public string Funding { get; set; } = "";
    public Guid? BudgetId { get; set; }
    public string? Component { get; set; }
    public string? PurchaseOrderNumber { get; set; }
    public string? DeliveryMode { get; set; }
    public DateOnly? SchoolYearStart { get; set; }
    public string? LocalAuthority { get; set; }
    public string ForReference { get; set; } = "";
    public string Status { get; set; } = "";
    public string? Reason { get; set; }
    public bool ProviderSuspended { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public DateTimeOffset PlacedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class SellableOffer
{
    public Guid Id { get; set; }
    public Guid ProviderId { get; set; }
    public int Version { get; set; }
    public string Status { get; set; } = "";
    public string Name { get; set; } = "";
    public string ProviderName { get; set; } = "";
    public string ServiceType { get; set; } = "";
    public bool BudgetEligible { get; set; }
    public bool SchoolsCanBuy { get; set; }
    public string CostOptions { get; set; } = "[]";
    public bool ProviderSuspended { get; set; }
}

internal sealed class FundingComponent
{
    public Guid BudgetId { get; set; }
    public string LocalAuthority { get; set; } = "";
    public string? HolderUserId { get; set; }
    public string? HolderEmail { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public string DeliveryMode { get; set; } = "";
    public long? ApprovalThresholdPence { get; set; }
    public long AvailablePence { get; set; }
}

internal sealed class PriceOption
{
    public string Label { get; set; } = "";
    public long AmountPence { get; set; }
    public string Unit { get; set; } = "";
}
