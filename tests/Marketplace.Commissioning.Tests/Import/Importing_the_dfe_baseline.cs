using Marketplace.Commissioning.Import;
using Marketplace.Commissioning.Tests.Gaps;

namespace Marketplace.Commissioning.Tests.Import;

public sealed class Importing_the_dfe_baseline : IAsyncLifetime
{
    private readonly CommissioningDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    private const int WiganAsd = 1_054;
    private const int WiganWithNeed = 3_579;

    private const string Header =
        "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,breakdown_topic,breakdown," +
        "ehc_plans,number_asd,number_hi,number_mld,number_msi,number_oth,number_pd,number_pmld,number_semh,number_slcn,number_sld,number_spld,number_vi,number_need_unknown";

    private static string Row(string level, string region, string la, string name, string figures, string period = "202425") =>
        $"{period},Academic year,{level},E92000001,England,{region},North West,{la},359,{name},All EHC plans,All EHC plans,{figures}";

    [Fact]
    public async Task The_bundled_files_import_every_local_authority_and_skip_the_totals()
    {
        using var plans = DfeBaseline.OpenBundled(DfeBaseline.EhcPlans);
        var report = await DfeBaseline.ImportAsync(db.DataSource, DfeBaseline.EhcPlans, plans, default);
        Assert.Equal((163, 153, 10, 0), (report.RowsRead, report.RowsImported, report.RowsSkipped, report.RowsRejected));
        // Wigan, January 2025: 3,579 plans, 1,054 of them ASD, none with an unknown need.
        Assert.Equal(WiganAsd, await db.ScalarAsync<int>("SELECT plans FROM baseline_ehc_plans WHERE la = 'E08000010' AND need = 'ASD'"));
        Assert.Equal(WiganWithNeed, await db.ScalarAsync<int>("SELECT sum(plans) FROM baseline_ehc_plans WHERE la = 'E08000010'"));
        Assert.Equal("North West", await db.ScalarAsync<string>("SELECT region_name FROM local_authorities WHERE la = 'E08000010'"));
        Assert.Equal(153, await db.ScalarAsync<int>("SELECT count(*) FROM local_authorities"));

        using var budgets = DfeBaseline.OpenBundled(DfeBaseline.PersonalBudgets);
        var budgetReport = await DfeBaseline.ImportAsync(db.DataSource, DfeBaseline.PersonalBudgets, budgets, default);
        // Three LAs did not publish 2023-24 (the DfE's "x"): rejected with their reason, the rest imported.
        Assert.Equal(3, budgetReport.RowsRejected);
        Assert.All(budgetReport.Rejected, r => Assert.Contains("is not published in the source ('x')", r.Reason));
        Assert.Contains(budgetReport.Rejected, r => r.La == "E09000012");
        Assert.Equal(budgetReport.RowsImported, await db.ScalarAsync<int>("SELECT count(*) FROM baseline_personal_budgets"));
        // Authorities that no longer exist (Cumbria, North Yorkshire's old code…) keep their budgets but join no region.
        Assert.Equal(153, await db.ScalarAsync<int>("SELECT count(*) FROM local_authorities"));
    }

    [Fact]
    public async Task Bad_rows_are_rejected_with_their_line_and_reason_and_good_rows_still_import()
    {
        var csv = string.Join('\n',
            Header,
            Row("Regional", "E12000002", "", "", "100,10,10,10,10,10,10,10,10,10,0,0,0,0"),                    // line 2: skipped
            Row("Local authority", "E12000002", "E08000010", "Wigan", "13,1,1,1,1,1,1,1,1,1,1,1,1,1"),        // line 3: good
            Row("Local authority", "E12000002", "X0800001", "Nowhere", "13,1,1,1,1,1,1,1,1,1,1,1,1,1"),       // line 4: bad code
            Row("Local authority", "E12000002", "E08000011", "Knowsley", "13,x,1,1,1,1,1,1,1,1,1,1,1,1"),     // line 5: suppressed
            Row("Local authority", "E12000002", "E08000012", "Liverpool", "99,1,1,1,1,1,1,1,1,1,1,1,1,1"),    // line 6: does not add up
            Row("Local authority", "E12000002", "E08000010", "Wigan", "13,1,1,1,1,1,1,1,1,1,1,1,1,1"),        // line 7: duplicate
            Row("Local authority", "E12000002", "E08000013", "St. Helens", "13,-1,1,1,1,1,1,1,1,1,1,1,1,3"),  // line 8: negative
            Row("Local authority", "North", "E08000014", "Sefton", "13,1,1,1,1,1,1,1,1,1,1,1,1,1"),          // line 9: bad region
            Row("Local authority", "E12000002", "E08000015", "\"Wirral, Metropolitan Borough of\"", "13,1,1,1,1,1,1,1,1,1,1,1,1,1")); // line 10: good (quoted comma)

        var report = await DfeBaseline.ImportAsync(db.DataSource, DfeBaseline.EhcPlans, new StringReader(csv), default);

        Assert.Equal((9, 2, 1), (report.RowsRead, report.RowsImported, report.RowsSkipped));
        Assert.Equal(
        [
            (4, "new_la_code 'X0800001' is not an ONS code of an English local authority"),
            (5, "number_asd is not published in the source ('x')"),
            (6, "the plans by need add up to 13, not the 99 in ehc_plans"),
            (7, "E08000010 for 202425 appears twice (first on line 3)"),
            (8, "number_asd '-1' is not a whole number of 0 or more"),
            (9, "region_code 'North' is not an ONS region code (E12…)"),
        ], report.Rejected.Select(r => (r.Line, r.Reason)));
        Assert.Equal(2, await db.ScalarAsync<int>("SELECT count(DISTINCT la) FROM baseline_ehc_plans"));
        Assert.Equal("Wirral, Metropolitan Borough of", await db.ScalarAsync<string>("SELECT name FROM local_authorities WHERE la = 'E08000015'"));
        Assert.Equal(1, await db.ScalarAsync<int>("SELECT count(*) FROM baseline_imports WHERE rows_rejected = 6"));
    }

    [Fact]
    public async Task A_file_without_the_dfe_columns_imports_nothing()
    {
        var e = await Assert.ThrowsAsync<UnreadableFileException>(() =>
            DfeBaseline.ImportAsync(db.DataSource, DfeBaseline.EhcPlans, new StringReader("la,children\nE08000010,12\n"), default));
        Assert.Contains("number_asd", e.Message);
        Assert.Equal(0, await db.ScalarAsync<int>("SELECT count(*) FROM baseline_ehc_plans"));
        Assert.Equal(0, await db.ScalarAsync<int>("SELECT count(*) FROM baseline_imports"));
    }
}
