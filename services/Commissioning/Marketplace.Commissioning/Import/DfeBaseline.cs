using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsvHelper;
using Dapper;
using Marketplace.ServiceDefaults.Taxonomy;
using Npgsql;

namespace Marketplace.Commissioning.Import;

/// <summary>One row the importer refused: its line in the file, the LA it named (if any) and why.</summary>
public sealed record RejectedRow(int Line, string? La, string Reason);

/// <summary>What one import read: rows read, imported, skipped (national and regional totals) and rejected, with reasons.</summary>
public sealed record ImportReport(string File, int RowsRead, int RowsImported, int RowsSkipped, IReadOnlyList<RejectedRow> Rejected)
{
    public int RowsRejected => Rejected.Count;
}

/// <summary>A file the importer cannot read at all (wrong columns): nothing is imported.</summary>
public sealed class UnreadableFileException(string message) : Exception(message);

/// <summary>
/// Imports the DfE's "Education, health and care plans" statistics: EHC plans by primary need and LA (the baseline
/// count of children per need), and personal budgets by LA and year. Local-authority rows are checked one by one;
/// a bad row is rejected with its line and reason and the rest are imported, in one transaction. National and
/// regional rows are skipped (the region of each LA comes from its own row).
/// </summary>
public static partial class DfeBaseline
{
    public const string EhcPlans = "ehc-plans";
    public const string PersonalBudgets = "personal-budgets";

    /// <summary>The files the service carries (copied from the DfE's release, Open Government Licence v3.0).</summary>
    public static readonly IReadOnlyDictionary<string, string> BundledFiles = new Dictionary<string, string>
    {
        [EhcPlans] = "ehc_plans_by_primary_need_2024-25.csv",
        [PersonalBudgets] = "personal_budgets_by_la_2019-20_to_2024-25.csv",
    };

    private static readonly string[] NeedColumns = [.. SendTaxonomy.Needs.Keys.Select(n => $"number_{n.ToLowerInvariant()}")];
    private static readonly string[] BudgetColumns = ["personal_budget", "org_arrangments", "pb_health", "pb_education", "pb_social", "pb_integrated"];
    private static readonly string[] PlaceColumns = ["time_period", "geographic_level", "region_code", "region_name", "new_la_code", "la_name"];

    /// <summary>The DfE's symbols for a figure it does not publish.</summary>
    private static readonly HashSet<string> SuppressedSymbols = ["x", "c", "z", ":", "low", "u", "k"];

    public static TextReader OpenBundled(string file) =>
        new StreamReader(typeof(DfeBaseline).Assembly.GetManifestResourceStream($"Marketplace.Commissioning.Import.Data.{BundledFiles[file]}")
            ?? throw new InvalidOperationException($"The bundled file {BundledFiles[file]} is missing."));

    public static async Task<ImportReport> ImportAsync(NpgsqlDataSource dataSource, string file, TextReader text, CancellationToken ct)
    {
        var parsed = file switch
        {
            EhcPlans => Parse(file, text, [.. NeedColumns, "number_need_unknown", "ehc_plans"]),
            PersonalBudgets => Parse(file, text, BudgetColumns),
            _ => throw new ArgumentOutOfRangeException(nameof(file), file, "not a DfE file the importer knows"),
        };

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var row in parsed.Rows)
        {
            if (file == EhcPlans)
            {
                // The current LAs and their regions come from the EHC plans file; the budgets file also holds
                // authorities that no longer exist (for example Cumbria before 2023).
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO local_authorities (la, name, region_code, region_name) VALUES (@La, @Name, @RegionCode, @RegionName)
                    ON CONFLICT (la) DO UPDATE SET name = EXCLUDED.name, region_code = EXCLUDED.region_code, region_name = EXCLUDED.region_name
                    """, row, transaction, cancellationToken: ct));
                foreach (var (need, column) in SendTaxonomy.Needs.Keys.Zip(NeedColumns))
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        """
                        INSERT INTO baseline_ehc_plans (la, need, plans, time_period) VALUES (@La, @need, @plans, @TimePeriod)
                        ON CONFLICT (la, need) DO UPDATE SET plans = EXCLUDED.plans, time_period = EXCLUDED.time_period
                        """, new { row.La, need, plans = row.Figures[column], row.TimePeriod }, transaction, cancellationToken: ct));
                }
            }
            else
            {
                var f = row.Figures;
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO baseline_personal_budgets (la, time_period, personal_budgets, organised_arrangements, health, education, social_care, integrated)
                    VALUES (@La, @TimePeriod, @pb, @org, @health, @education, @social, @integrated)
                    ON CONFLICT (la, time_period) DO UPDATE SET personal_budgets = EXCLUDED.personal_budgets,
                        organised_arrangements = EXCLUDED.organised_arrangements, health = EXCLUDED.health, education = EXCLUDED.education,
                        social_care = EXCLUDED.social_care, integrated = EXCLUDED.integrated
                    """,
                    new
                    {
                        row.La, row.TimePeriod, pb = f["personal_budget"], org = f["org_arrangments"], health = f["pb_health"],
                        education = f["pb_education"], social = f["pb_social"], integrated = f["pb_integrated"],
                    }, transaction, cancellationToken: ct));
            }
        }

        var report = new ImportReport(file, parsed.Read, parsed.Rows.Count, parsed.Skipped, parsed.Rejected);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO baseline_imports (id, file, imported_at, rows_read, rows_imported, rows_rejected, report)
            VALUES (@id, @file, now(), @RowsRead, @RowsImported, @RowsRejected, @json::jsonb)
            """,
            new { id = Guid.CreateVersion7(), file, report.RowsRead, report.RowsImported, report.RowsRejected, json = JsonSerializer.Serialize(report, Json) },
            transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return report;
    }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Parsed(int Read, int Skipped, List<PlaceRow> Rows, List<RejectedRow> Rejected);

    private sealed record PlaceRow(string La, string Name, string RegionCode, string RegionName, string TimePeriod, Dictionary<string, int> Figures);

    private static Parsed Parse(string file, TextReader text, string[] figureColumns)
    {
        using var csv = CsvReader.Create(text, new CsvReaderOptions { Separator = ',', TrackLineNumbers = true }, true);
        var headers = csv.Headers.Select(h => h.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = PlaceColumns.Concat(figureColumns).Where(c => !headers.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new UnreadableFileException($"The {file} file has no column {string.Join(", ", missing)}: is it the DfE's file?");
        }

        int read = 0, skipped = 0;
        var rows = new List<PlaceRow>();
        var rejected = new List<RejectedRow>();
        var seen = new Dictionary<(string, string), int>();
        while (csv.Read())
        {
            read++;
            var line = (int)csv.LineNumber;
            var level = csv.GetString("geographic_level").Trim();
            if (level is "National" or "Regional")
            {
                skipped++;
                continue;
            }

            var la = csv.GetString("new_la_code").Trim();
            string? Problem()
            {
                if (level != "Local authority")
                {
                    return $"geographic_level '{level}' is not National, Regional or Local authority";
                }

                if (!SendTaxonomy.IsLocalAuthorityCode(la))
                {
                    return la.Length == 0 ? "new_la_code is empty" : $"new_la_code '{la}' is not an ONS code of an English local authority";
                }

                if (csv.GetString("la_name").Trim().Length == 0)
                {
                    return "la_name is empty";
                }

                if (!RegionCode().IsMatch(csv.GetString("region_code").Trim()))
                {
                    return $"region_code '{csv.GetString("region_code").Trim()}' is not an ONS region code (E12…)";
                }

                if (!TimePeriod().IsMatch(csv.GetString("time_period").Trim()))
                {
                    return $"time_period '{csv.GetString("time_period").Trim()}' is not an academic year such as 202425";
                }

                return null;
            }

            var reason = Problem();
            var figures = new Dictionary<string, int>();
            foreach (var column in figureColumns)
            {
                if (reason is not null)
                {
                    break;
                }

                var value = csv.GetString(column).Trim();
                if (SuppressedSymbols.Contains(value.ToLowerInvariant()))
                {
                    reason = $"{column} is not published in the source ('{value}')";
                }
                else if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    reason = value.Length == 0 ? $"{column} is empty" : $"{column} '{value}' is not a whole number of 0 or more";
                }
                else
                {
                    figures[column] = number;
                }
            }

            if (reason is null && file == EhcPlans)
            {
                var sum = NeedColumns.Append("number_need_unknown").Sum(c => figures[c]);
                if (sum != figures["ehc_plans"])
                {
                    reason = $"the plans by need add up to {sum}, not the {figures["ehc_plans"]} in ehc_plans";
                }
            }

            var period = csv.GetString("time_period").Trim();
            if (reason is null && seen.TryGetValue((la, period), out var first))
            {
                reason = $"{la} for {period} appears twice (first on line {first})";
            }

            if (reason is not null)
            {
                rejected.Add(new RejectedRow(line, la.Length == 0 ? null : la, reason));
                continue;
            }

            seen[(la, period)] = line;
            rows.Add(new PlaceRow(la, csv.GetString("la_name").Trim(), csv.GetString("region_code").Trim(), csv.GetString("region_name").Trim(), period, figures));
        }

        return new Parsed(read, skipped, rows, rejected);
    }

    [GeneratedRegex("^E12[0-9]{6}$")]
    private static partial Regex RegionCode();

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex TimePeriod();
}
