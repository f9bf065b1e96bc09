using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Marketplace.Contracts.Onboarding;
using Marketplace.Onboarding.Features.Offers;
using Marketplace.ServiceDefaults.Demo;
using Marketplace.ServiceDefaults.Messaging;
using Npgsql;

namespace Marketplace.Onboarding.Demo;

/// <summary>
/// Seeds the North West demo region when demo seeding is on: approved providers across the 24 local
/// authorities and over 500 published offers. Ids are derived from names, rows are inserted only when
/// missing, and only a newly inserted offer is published (through the outbox, like any other), so seeding
/// twice changes nothing.
/// </summary>
public sealed class DemoProvidersSeeder(NpgsqlDataSource dataSource, IConfiguration configuration, TimeProvider clock, ILogger<DemoProvidersSeeder> logger) : IHostedService
{
    public const int ProvidersPerAuthority = 3;
    public const int OffersPerProvider = 8;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!DemoRegion.IsEnabled(configuration))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var published = 0;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var provider in DemoCatalogue.Providers())
        {
            var added = await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO providers (id, name, sector, status, home_local_authority, areas_served, contact_email, contact_name, status_version)
                VALUES (@Id, @Name, @Sector, 'approved', @Home, @AreasServed, @Email, 'Office manager', 1)
                ON CONFLICT (id) DO NOTHING
                """, provider, transaction, cancellationToken: cancellationToken));
            if (added == 1)
            {
                // In-date evidence, expiring at different times: a few within 30 days, so the vetting
                // queue and the warnings have something to show.
                var today = DateOnly.FromDateTime(now.UtcDateTime);
                var days = provider.Id == DemoRegion.DemoProviderId ? 20 : 5 + (int)(StableId(provider.Name).GetHashCode() & 0x7FFFFFFF) % 700;
                foreach (var (kind, expires) in new[] { ("public-liability-insurance", today.AddDays(days)), ("safeguarding-policy", today.AddDays(days + 180)) })
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        """
                        INSERT INTO evidence (id, provider_id, kind, expires_on, file_name, uploaded_at, uploaded_by)
                        VALUES (@id, @providerId, @kind, @expires, @fileName, @now, 'demo seed')
                        """,
                        new { id = StableId($"evidence/{provider.Id}/{kind}"), providerId = provider.Id, kind, expires, fileName = $"{kind}.pdf (demo, no file)", now },
                        transaction, cancellationToken: cancellationToken));
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO audit_trail (at, actor_id, actor_name, actor_role, provider_id, action, from_status, to_status, reason)
                    VALUES (@now, 'demo-seed', 'Demo seed', 'system', @providerId, 'approved', 'submitted', 'approved', 'Approved when the demo region was seeded')
                    """, new { now, providerId = provider.Id }, transaction, cancellationToken: cancellationToken));
                await Outbox.EnqueueAsync(transaction, new ProviderApproved(provider.Id, provider.Name, provider.Sector, provider.AreasServed, 1, now), cancellationToken);
            }
            foreach (var details in provider.Offers)
            {
                var offerId = StableId($"offer/{provider.Name}/{details.Name}");
                var inserted = await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO offers (id, provider_id, status, version, name, details)
                    VALUES (@offerId, @providerId, 'draft', 0, @name, @details::jsonb)
                    ON CONFLICT (id) DO NOTHING
                    """,
                    new { offerId, providerId = provider.Id, name = details.Name, details = JsonSerializer.Serialize(details, OffersApi.Json) },
                    transaction, cancellationToken: cancellationToken));
                if (inserted == 0)
                {
                    continue;
                }

                var locked = (await OffersApi.LockOfferAsync(transaction, offerId, cancellationToken))!;
                await OffersApi.PublishAsync(transaction, locked, now, cancellationToken);
                published++;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Demo region seeded: {Published} offers published now", published);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A name-based id (stable across runs and machines).</summary>
    public static Guid StableId(string name)
    {
        var bytes = MD5.HashData(Encoding.UTF8.GetBytes(name));
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x30);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}

public sealed record DemoProvider(Guid Id, string Name, string Sector, string Home, string[] AreasServed, string Email, IReadOnlyList<OfferDetails> Offers);

/// <summary>Realistic, deterministic demo content.</summary>
public static class DemoCatalogue
{
    /// <summary>One kind of offer the demo region (and the search benchmark) is made of.</summary>
    public sealed record Template(string Name, string ServiceType, string[] Needs, string Area, string Tier, int MinAge, int MaxAge, long Pence, string Unit, bool Budget, bool Schools, string[] Modes, string About);

    public static readonly IReadOnlyList<Template> Templates =
    [
        new("Speech and language therapy assessment", "speech-and-language-therapy", ["SLCN", "ASD"], "health", "specialist", 2, 18, 18_000, "package", true, true, ["in-person", "at-home"], "A full assessment of speech, language and communication by a registered speech and language therapist, with a written report and advice for home and school."),
        new("Social communication group for autistic children", "speech-and-language-therapy", ["ASD", "SLCN"], "education", "targeted", 5, 11, 4_500, "session", true, true, ["in-person"], "Small weekly groups where children practise turn-taking, conversation and play with a therapist and a teaching assistant."),
        new("Early talk drop-in for families", "speech-and-language-therapy", ["SLCN"], "health", "universal", 0, 5, 0, "free", false, false, ["in-person"], "Friendly drop-in sessions for parents and carers who are worried about how their young child is talking or understanding."),
        new("Sensory integration occupational therapy", "occupational-therapy", ["ASD", "PD", "SPLD"], "health", "specialist", 3, 16, 7_500, "session", true, false, ["in-person", "at-home"], "Occupational therapy for children who find noise, touch or movement overwhelming, with a home programme for families."),
        new("Handwriting and motor skills programme", "occupational-therapy", ["SPLD", "PD", "MLD"], "education", "targeted", 5, 14, 36_000, "package", true, true, ["in-person"], "A six-week programme in school to build fine motor skills, posture and handwriting confidence."),
        new("Children's physiotherapy at home", "physiotherapy", ["PD", "PMLD"], "health", "specialist", 0, 19, 6_500, "session", true, false, ["at-home"], "Physiotherapy in the child's own home, including positioning, stretches and advice on equipment."),
        new("Wheelchair skills and hydrotherapy", "physiotherapy", ["PD", "PMLD", "MSI"], "health", "specialist", 4, 25, 5_500, "session", true, false, ["in-person"], "Hydrotherapy pool sessions and wheelchair skills training with a paediatric physiotherapist."),
        new("Educational psychology consultation for schools", "educational-psychology", ["MLD", "SEMH", "ASD", "SPLD", "SLCN"], "education", "specialist", 3, 19, 52_000, "package", false, true, ["in-person", "online"], "Consultation, observation and assessment by an educational psychologist, with advice that can inform an EHC needs assessment."),
        new("Traded educational psychology time (half day)", "educational-psychology", ["MLD", "SEMH", "SLD", "ASD"], "education", "specialist", 3, 25, 29_000, "package", false, true, ["in-person"], "Half-day blocks of educational psychologist time that schools can use for casework, training or supervision."),
        new("Anxiety support group for teenagers", "camhs-and-mental-health", ["SEMH"], "health", "targeted", 12, 18, 0, "free", false, false, ["in-person", "online"], "An eight-week group helping young people understand and manage anxiety, run with the local CAMHS team."),
        new("Family therapy and emotional wellbeing", "camhs-and-mental-health", ["SEMH", "ASD"], "health", "specialist", 5, 18, 9_500, "session", true, false, ["in-person", "online"], "Therapeutic sessions for the whole family where a child's emotional wellbeing or behaviour is a worry."),
        new("Saturday short breaks club", "short-breaks-and-respite", ["SLD", "PMLD", "ASD", "PD"], "social-care", "targeted", 5, 17, 6_000, "session", true, false, ["in-person"], "A supported Saturday club with trained staff, giving young people time with friends and families a break."),
        new("Overnight respite stays", "short-breaks-and-respite", ["PMLD", "SLD", "MSI"], "social-care", "specialist", 8, 18, 24_000, "session", true, false, ["in-person"], "Planned overnight stays in a registered short-breaks home with nursing support for complex needs."),
        new("Holiday play scheme", "play-and-leisure", ["ASD", "MLD", "SEMH", "OTH"], "social-care", "universal", 5, 14, 3_500, "session", true, false, ["in-person"], "Inclusive holiday play days with extra staff, quiet spaces and sensory activities."),
        new("Inclusive swimming lessons", "play-and-leisure", ["PD", "ASD", "HI", "VI"], "social-care", "universal", 4, 18, 1_200, "session", true, false, ["in-person"], "Small-group swimming lessons with instructors trained in disability inclusion."),
        new("Specialist dyslexia tuition", "tuition-and-specialist-teaching", ["SPLD"], "education", "specialist", 6, 18, 5_000, "session", true, true, ["in-person", "online"], "One-to-one structured literacy teaching by a qualified specialist dyslexia teacher."),
        new("Qualified teacher of the deaf visits", "tuition-and-specialist-teaching", ["HI", "MSI"], "education", "specialist", 0, 19, 7_000, "session", false, true, ["in-person", "at-home"], "Visits from a qualified teacher of the deaf to advise families, early years settings and schools."),
        new("Braille and habilitation sessions", "tuition-and-specialist-teaching", ["VI", "MSI"], "education", "specialist", 3, 19, 6_500, "session", true, true, ["in-person", "at-home"], "Braille teaching, mobility and independent living skills from a qualified habilitation specialist."),
        new("Maths and literacy catch-up tuition", "tuition-and-specialist-teaching", ["MLD", "SPLD"], "education", "targeted", 7, 16, 3_800, "session", true, true, ["in-person", "online"], "Small-group tuition for children who are behind in reading, writing or maths."),
        new("Communication aids (AAC) assessment", "assistive-technology", ["SLCN", "PMLD", "PD", "ASD"], "health", "specialist", 2, 25, 45_000, "package", true, true, ["in-person"], "Assessment for augmentative and alternative communication aids, with a trial device and training."),
        new("Assistive technology loan and set-up", "assistive-technology", ["VI", "SPLD", "PD"], "education", "targeted", 7, 25, 15_000, "package", true, true, ["in-person", "online"], "Loan, set-up and training for reading pens, screen readers and adapted keyboards."),
        new("Autism awareness training for school staff", "training-for-schools", ["ASD"], "education", "universal", 3, 19, 95_000, "package", false, true, ["in-person", "online"], "A twilight training session for whole-school staff on understanding and supporting autistic pupils."),
        new("Team Teach positive behaviour training", "training-for-schools", ["SEMH"], "education", "targeted", 3, 19, 120_000, "package", false, true, ["in-person"], "Accredited training in de-escalation and positive behaviour support for school teams."),
        new("Makaton training for early years staff", "training-for-schools", ["SLCN", "SLD"], "education", "universal", 0, 5, 38_000, "package", false, true, ["in-person", "online"], "Foundation Makaton workshop for nursery and reception staff."),
        new("Independent travel training", "transport", ["MLD", "SLD", "ASD"], "social-care", "targeted", 14, 25, 48_000, "package", true, false, ["in-person"], "One-to-one training so young people can travel safely to college, work or leisure on their own."),
        new("Accessible minibus transport", "transport", ["PD", "PMLD", "SLD"], "social-care", "targeted", 4, 25, 2_500, "session", true, false, ["in-person"], "Door-to-door wheelchair-accessible transport to clubs and activities."),
        new("SENDIASS advice line and casework", "advice-and-support", ["ASD", "HI", "MLD", "MSI", "OTH", "PD", "PMLD", "SEMH", "SLCN", "SLD", "SPLD", "VI"], "education", "universal", 0, 25, 0, "free", false, false, ["online", "in-person"], "Free, impartial and confidential information, advice and support about SEND for children, young people and parents."),
        new("Parent carer peer support group", "advice-and-support", ["ASD", "SEMH", "SLD", "PD", "OTH"], "social-care", "universal", 0, 25, 0, "free", false, false, ["in-person", "online"], "Monthly coffee mornings and online chats for parents and carers, run by parents."),
        new("Supported internships", "preparing-for-adulthood", ["MLD", "SLD", "ASD"], "education", "targeted", 16, 25, 0, "free", false, false, ["in-person"], "A year-long study programme at an employer with a job coach, for young people with an EHC plan."),
        new("Independent living skills course", "preparing-for-adulthood", ["SLD", "MLD", "PD", "VI"], "social-care", "targeted", 16, 25, 4_000, "session", true, false, ["in-person"], "Cooking, budgeting, travel and home skills for young people preparing to live more independently."),
    ];

    public static readonly IReadOnlyList<string> ProviderPrefixes =
    [
        "Brightpath", "Northern Lights", "Riverside", "Mersey Valley", "Pennine", "Lakeland", "Red Rose", "Oakwood", "Horizon", "Little Steps",
        "Harbour", "Meadowbank", "Kingfisher", "Willow Tree", "Beacon", "Cedar House", "Millstone", "Starling", "Heron", "Sunrise",
        "Ashgrove", "Bluebell", "Clearwater", "Dale View", "Elmfield", "Foxglove", "Greenacre", "Hollybank", "Ivy Lane", "Juniper",
        "Kestrel", "Larkspur", "Moorside", "Northgate", "Orchard", "Parkside", "Quayside", "Rowan", "Silverdale", "Thornfield",
        "Upton", "Valley", "Westwood", "Yew Tree", "Bridgewater", "Canal Side", "Deansgate", "Fellside", "Gorsey Bank", "Highfield",
        "Irwell", "Kirkby", "Lune", "Marsden", "Newbrook", "Ribble", "Saddleworth", "Tameside Valley", "Wyre", "Eden",
        "Calder", "Douglas Valley", "Ellesmere", "Formby", "Garstang", "Hale", "Irlam",
    ];

    public static readonly IReadOnlyList<(string Suffix, string Sector)> ProviderKinds =
    [
        ("Therapies", "private"), ("Children's Services CIC", "community"), ("Family Support Trust", "voluntary"),
        ("Learning Centre", "private"), ("SEND Partnership", "public"), ("Youth Trust", "voluntary"),
    ];

    private static readonly Dictionary<string, (string Town, double Lat, double Lon)> Places = new()
    {
        ["E08000011"] = ("Huyton", 53.411, -2.839), ["E08000012"] = ("Liverpool", 53.408, -2.991), ["E08000013"] = ("St Helens", 53.454, -2.737),
        ["E08000014"] = ("Bootle", 53.446, -3.012), ["E08000015"] = ("Birkenhead", 53.393, -3.014), ["E08000001"] = ("Bolton", 53.578, -2.429),
        ["E08000002"] = ("Bury", 53.593, -2.298), ["E08000003"] = ("Manchester", 53.480, -2.242), ["E08000004"] = ("Oldham", 53.541, -2.117),
        ["E08000005"] = ("Rochdale", 53.615, -2.155), ["E08000006"] = ("Salford", 53.488, -2.291), ["E08000007"] = ("Stockport", 53.410, -2.157),
        ["E08000008"] = ("Ashton-under-Lyne", 53.489, -2.095), ["E08000009"] = ("Stretford", 53.446, -2.309), ["E08000010"] = ("Wigan", 53.545, -2.632),
        ["E06000006"] = ("Widnes", 53.362, -2.734), ["E06000007"] = ("Warrington", 53.390, -2.597), ["E10000017"] = ("Preston", 53.763, -2.703),
        ["E06000008"] = ("Blackburn", 53.748, -2.482), ["E06000009"] = ("Blackpool", 53.817, -3.036), ["E06000049"] = ("Crewe", 53.098, -2.441),
        ["E06000050"] = ("Chester", 53.191, -2.891), ["E06000063"] = ("Carlisle", 54.892, -2.932), ["E06000064"] = ("Kendal", 54.328, -2.746),
    };

    public static IEnumerable<DemoProvider> Providers()
    {
        var random = new Random(20261123);
        var authorities = DemoRegion.LocalAuthorities;
        var n = 0;
        for (var a = 0; a < authorities.Count; a++)
        {
            for (var p = 0; p < DemoProvidersSeeder.ProvidersPerAuthority; p++, n++)
            {
                var (code, _) = authorities[a];
                var kind = ProviderKinds[n % ProviderKinds.Count];
                var isDemo = n == 0;
                var name = isDemo ? "Brightpath Therapies" : $"{ProviderPrefixes[n % ProviderPrefixes.Count]} {kind.Suffix}";
                var home = isDemo ? DemoRegion.HomeLocalAuthority : code;
                // Most providers also serve one or two neighbouring authorities (cross-border provision).
                var areas = new[] { home, authorities[(a + 1) % authorities.Count].Code, authorities[(a + authorities.Count - 1) % authorities.Count].Code }
                    .Take(1 + random.Next(3)).Distinct().ToArray();
                var place = Places[home];
                var slug = new string(name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
                var offers = Templates
                    .OrderBy(_ => random.Next())
                    .Take(DemoProvidersSeeder.OffersPerProvider)
                    .Select(t => ToDetails(t, name, place, areas, slug, random))
                    .ToList();
                var id = n switch
                {
                    0 => DemoRegion.DemoProviderId,
                    1 => DemoRegion.SecondProviderId,
                    _ => DemoProvidersSeeder.StableId($"provider/{name}/{home}"),
                };
                yield return new DemoProvider(
                    id,
                    name, kind.Sector, home, areas, $"hello@{slug}.example.org", offers);
            }
        }
    }

    private static OfferDetails ToDetails(Template t, string providerName, (string Town, double Lat, double Lon) place, string[] areas, string slug, Random random)
    {
        var pence = t.Pence == 0 ? 0 : (long)Math.Round(t.Pence * (0.8 + random.NextDouble() * 0.4) / 100.0) * 100;
        var cost = t.Unit == "free"
            ? new CostOption("No charge", 0, "free")
            : new CostOption(t.Unit == "session" ? "One session" : "Whole package", pence, t.Unit);
        var locations = t.Modes.Contains("in-person")
            ? new[] { new OfferLocation($"{10 + random.Next(180)} {new[] { "High Street", "Church Road", "Station Road", "Park Lane", "Mill Street" }[random.Next(5)]}", place.Town, "", Math.Round(place.Lat + (random.NextDouble() - 0.5) * 0.04, 5), Math.Round(place.Lon + (random.NextDouble() - 0.5) * 0.06, 5)) }
            : [];
        return new OfferDetails(
            t.Name, $"{t.About} Delivered by {providerName} in and around {place.Town}.", t.ServiceType, t.Needs, t.Area, t.Tier, t.MinAge, t.MaxAge,
            areas, t.Modes,
            t.Tier == "specialist" ? "For children and young people with identified special educational needs, with or without an EHC plan." : "Open to any child or young person in the areas served; no diagnosis needed.",
            t.Unit == "free" ? "Call or email to book a place." : "Ask for a referral from your SENCO or health visitor, or contact us directly to book.",
            [cost], 4 + random.Next(30), random.Next(14), t.Budget, t.Schools, $"hello@{slug}.example.org", $"0161 {random.Next(200, 999)} {random.Next(1000, 9999)}",
            locations);
    }
}
