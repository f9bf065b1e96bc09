using System.Globalization;
using System.Text;
using CsvHelper;
using Dapper;
using Marketplace.Purchasing.Features.Shared;
using Npgsql;

namespace Marketplace.Purchasing.Features.Budgets;

/// <summary>One line of a holder's statement: a ledger entry, what it did to the part's available money, and what was left after it.</summary>
public sealed class StatementLine
{
    public long Seq { get; set; }
    public DateTimeOffset At { get; set; }
    public string Component { get; set; } = "";
    public string Kind { get; set; } = "";
    public long AmountPence { get; set; }
    public Guid? OrderId { get; set; }
    public string? OfferName { get; set; }
    public string Reason { get; set; } = "";
    public long AvailableChangePence { get; set; }
    public long AvailableAfterPence { get; set; }
}

public sealed record BudgetStatementView(
    Guid BudgetId,
    string EhcPlanReference,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    IReadOnlyList<ComponentBalance> Components,
    IReadOnlyList<StatementLine> Lines);

/// <summary>
/// A holder's statement: every ledger entry of the budget in order, with the money left in that part after it. A
/// commitment takes money out of what is available, a release gives it back, a spend turns committed money into spent
/// (so leaves the available money as it was). CSV for a spreadsheet, with cells a spreadsheet would run as formulas defused.
/// </summary>
public static class BudgetStatement
{
    /// <returns>The statement, or null when there is no such budget or the caller is neither its holder nor an officer of its LA.</returns>
    public static async Task<BudgetStatementView?> LoadAsync(NpgsqlDataSource db, Caller caller, Guid budgetId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var view = await BudgetsApi.ViewAsync(connection, null, budgetId, ct);
        if (view is null || !(caller.Holds(view.HolderUserId, view.HolderEmail) || caller.IsOfficerOf(view.LocalAuthority)))
        {
            return null;
        }

        var lines = (await connection.QueryAsync<StatementLine>(new CommandDefinition(
            """
            SELECT l.seq, l.at, l.component, l.kind, l.amount_pence, l.order_id, o.offer_name, l.reason
            FROM budget_ledger l LEFT JOIN orders o ON o.id = l.order_id
            WHERE l.budget_id = @budgetId ORDER BY l.seq
            """, new { budgetId }, cancellationToken: ct))).ToList();
        var available = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            line.AvailableChangePence = line.Kind switch
            {
                "commitment" => -line.AmountPence,
                "spend" => 0,
                _ => line.AmountPence,
            };
            line.AvailableAfterPence = available[line.Component] = available.GetValueOrDefault(line.Component) + line.AvailableChangePence;
        }

        return new BudgetStatementView(view.Id, view.EhcPlanReference, view.PeriodStart, view.PeriodEnd, view.Components, lines);
    }

    public static byte[] Csv(BudgetStatementView statement)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(writer, new CsvWriterOptions(), true))
        {
            foreach (var header in new[] { "date", "part", "entry", "amount", "change_to_available", "available_after", "order", "service", "reason" })
            {
                csv.WriteField(header);
            }

            csv.EndRecord();
            foreach (var l in statement.Lines)
            {
                foreach (var field in new[]
                {
                    l.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), l.Component, l.Kind, Pounds(l.AmountPence),
                    Pounds(l.AvailableChangePence), Pounds(l.AvailableAfterPence), l.OrderId?.ToString() ?? "", l.OfferName ?? "", l.Reason,
                })
                {
                    csv.WriteField(SpreadsheetSafe(field));
                }

                csv.EndRecord();
            }
        }

        return Encoding.UTF8.GetBytes(writer.ToString());
    }

    private static string Pounds(long pence) => (pence / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A text cell a spreadsheet would run as a formula (=, +, @, tab, return) is prefixed with an apostrophe; numbers stay numbers.</summary>
    private static string SpreadsheetSafe(string field) =>
        field.Length > 0 && field[0] is '=' or '+' or '@' or '\t' or '\r' || (field.StartsWith('-') && !decimal.TryParse(field, CultureInfo.InvariantCulture, out _))
            ? "'" + field
            : field;
}
