namespace Marketplace.Purchasing.Features.Budgets;

// Classes with settable properties rather than positional records: Dapper hands PostgreSQL dates and arrays to
// constructors badly.

public sealed class BudgetRow
{
    public Guid Id { get; set; }
    public string LocalAuthority { get; set; } = "";
    public string? HolderUserId { get; set; }
    public string? HolderEmail { get; set; }
    public string HolderType { get; set; } = "";
    public string EhcPlanReference { get; set; } = "";
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A budget in a list, with its totals over all its parts and each part's balance.</summary>
public sealed class BudgetSummary
{
    public Guid Id { get; set; }
    public string LocalAuthority { get; set; } = "";
    public string? HolderUserId { get; set; }
    public string? HolderEmail { get; set; }
    public string HolderType { get; set; } = "";
    public string EhcPlanReference { get; set; } = "";
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public long AllocatedPence { get; set; }
    public long AvailablePence { get; set; }
    public long CommittedPence { get; set; }
    public long SpentPence { get; set; }
    public IReadOnlyList<ComponentBalance> Components { get; set; } = [];
}

public sealed class ComponentBalance
{
    [System.Text.Json.Serialization.JsonIgnore]
    public Guid BudgetId { get; set; }

    public string Component { get; set; } = "";
    public string DeliveryMode { get; set; } = "";
    public long? ApprovalThresholdPence { get; set; }
    public long AllocatedPence { get; set; }
    public long AvailablePence { get; set; }
    public long CommittedPence { get; set; }
    public long SpentPence { get; set; }
}

public sealed class LedgerEntry
{
    public long Seq { get; set; }
    public string Component { get; set; } = "";
    public string Kind { get; set; } = "";
    public long AmountPence { get; set; }
    public Guid? OrderId { get; set; }
    public string Reason { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

public sealed record BudgetView(
    Guid Id,
    string LocalAuthority,
    string HolderType,
    string? HolderUserId,
    string? HolderEmail,
    string EhcPlanReference,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    IReadOnlyList<ComponentBalance> Components,
    IReadOnlyList<LedgerEntry> Ledger);
