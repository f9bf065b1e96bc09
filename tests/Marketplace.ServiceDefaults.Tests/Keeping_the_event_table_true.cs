using System.Text.RegularExpressions;
using Marketplace.Contracts;
using Marketplace.Testing;

namespace Marketplace.ServiceDefaults.Tests;

/// <summary>
/// The event table in docs/architecture.md is what a new engineer reads first: it must name every event the code
/// has, no event it does not have, and, for each, every service that consumes it (from the subscriptions the
/// services check themselves against at start), or "none" when nothing does.
/// </summary>
public sealed partial class Keeping_the_event_table_true
{
    [Fact]
    public void Every_event_and_its_consumers_are_in_the_architecture_document()
    {
        var document = File.ReadAllText(Path.Combine(MarketplaceSystem.RepositoryRoot(), "docs", "architecture.md"));
        var rows = EventRow().Matches(document).ToDictionary(m => m.Groups["event"].Value, m => m.Groups["consumers"].Value);

        Assert.Equal(Subscriptions.Queues.Keys.Select(t => t.Name).Order(), rows.Keys.Order());
        foreach (var (type, queues) in Subscriptions.Queues)
        {
            var consumers = rows[type.Name];
            if (queues.Length == 0)
            {
                Assert.StartsWith("none", consumers);
                continue;
            }

            foreach (var service in queues.Select(q => q[..q.IndexOf('-', StringComparison.Ordinal)]).Distinct())
            {
                Assert.True(consumers.Contains(service, StringComparison.Ordinal),
                    $"docs/architecture.md: the row of {type.Name} does not name {service}, which consumes it ({consumers})");
            }
        }
    }

    /// <summary>A row of the event table: | `Event` | publisher | consumers | notes |.</summary>
    [GeneratedRegex(@"^\| `(?<event>[A-Za-z]+)` \| [^|]+ \| (?<consumers>[^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex EventRow();
}
