using Marketplace.Catalogue.Features.Information;
using Marketplace.ServiceDefaults.Demo;
using Npgsql;

namespace Marketplace.Catalogue.Demo;

/// <summary>
/// When demo seeding is on, writes the Local Offer's core information pages if they are missing (by address), as a
/// local authority would publish them. They serve the whole demo region (no one LA). Seeding twice changes nothing; an officer's later edits are kept.
/// </summary>
public sealed class DemoInformationPagesSeeder(NpgsqlDataSource dataSource, IConfiguration configuration, TimeProvider clock) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!DemoRegion.IsEnabled(configuration))
        {
            return;
        }

        var reviewed = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-30);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var page in Pages(reviewed))
        {
            await InformationPages.CreateAsync(transaction, page, localAuthority: null, "Demo seed", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static IReadOnlyList<PageContent> Pages(DateOnly reviewed) =>
    [
        new("ehc-needs-assessment", "Education, health and care (EHC) needs assessments",
            "How to ask for an EHC needs assessment, what happens next, and how long each step takes.",
            """
            An education, health and care (EHC) needs assessment looks at what a child or young person (0 to 25) needs, and what support
            would help. It can lead to an EHC plan.

            # Who can ask for one

            - a parent or carer
            - a young person aged 16 to 25
            - a school, college or early years setting (they should talk to you first)

            # How to ask

            Write to the local authority's SEND team. Say why you think your child's needs cannot be met with the support the school or
            setting already gives. Most schools follow a *graduated approach*: **assess, plan, do, review**. Include any reports you have.

            # What happens next

            1. The local authority decides within **6 weeks** whether to assess.
            2. If it assesses, it asks for advice from education, health and social care professionals, and from you.
            3. It decides whether to issue an EHC plan. The whole process should take no more than **20 weeks**.

            If the local authority refuses to assess, or to issue a plan, you can appeal. See [how to complain and appeal](/information/complaints-and-appeals).
            Free, impartial help is available from the [SEND information, advice and support service](/information/advice-and-support).
            """,
            ["ehc-needs-assessment", "education"], ["general-graduated-approach", "early-years-identification", "schools-identification", "post-16-identification"], reviewed),
        new("advice-and-support", "SEND information, advice and support",
            "Free, impartial and confidential advice for children, young people and parents about SEND (SENDIASS).",
            """
            Every local authority has a SEND information, advice and support service (SENDIASS). It gives free, impartial and confidential
            advice to children, young people up to 25 and their parents and carers.

            # What they can help with

            - finding support in the Local Offer, in your area or nearby
            - asking for an EHC needs assessment, and the EHC plan that may follow
            - personal budgets, and what they can pay for
            - meetings and reviews with schools, colleges and the local authority
            - what to do if you disagree with a decision, including mediation, complaints and appeals to the SEND Tribunal
            - preparing for adulthood: further education, work, independent living and health

            # How to contact them

            Contact the service for the local authority where the child or young person lives. You can ask for help by phone, by email or
            in person, and ask for information in another format or language. If you do not use the internet, you can phone or write to
            the service, and ask for this page to be sent to you on paper.

            # If you cannot find a service

            If the [Local Offer search](/search) does not show what your child or young person needs, tell the advice service or your local
            authority. Gaps that families report help the local authority and its health partners plan and commission new support.
            """,
            ["advice-and-support"], ["general-accessibility"], reviewed),
        new("preparing-for-adulthood", "Preparing for adulthood",
            "Planning from year 9 for further education, work, independent living, friendships and good health.",
            """
            From year 9 (age 13 to 14), reviews of an EHC plan should include planning for adult life. Preparing for adulthood covers four
            areas:

            - **employment**: work experience, supported internships, apprenticeships and jobs
            - **independent living**: where to live, managing money, travelling on your own
            - **friends, relationships and community**: clubs, volunteering and staying safe
            - **good health**: moving from children's to adults' health services

            # Choosing a college or training

            Young people with an EHC plan can ask for a school, college or training provider to be named in their plan. The Local Offer
            lists [services that help young people prepare for adulthood](/search?serviceType=preparing-for-adulthood).

            # Travel training

            Independent travel training teaches young people to travel safely to college, work or leisure. Ask your local authority about
            help with transport if you are 16 to 25.
            """,
            ["preparing-for-adulthood", "travel"], ["post-16-admission", "post-16-future-steps", "schools-future-steps"], reviewed),
        new("complaints-and-appeals", "How to complain or appeal",
            "What to do if you disagree with a decision about SEND support, from a conversation to the SEND Tribunal.",
            """
            If you are unhappy with support or a decision, start by talking to the person or setting involved. Most problems are sorted
            out this way.

            # Disagreement resolution and mediation

            Disagreement resolution is free and available to any parent or young person, whether or not there is an EHC plan. Before you
            appeal to the SEND Tribunal about an EHC needs assessment or plan, you must get advice about **mediation** (unless your appeal is
            only about the school or college named).

            # Appealing to the SEND Tribunal

            You can appeal if the local authority:

            - refuses to carry out an EHC needs assessment
            - refuses to issue an EHC plan
            - issues a plan and you disagree with what it says, or the school or college named

            You usually have **2 months** from the date of the decision letter, or 1 month from the mediation certificate, whichever is later.

            # Complaints

            Complaints about a school go to the school first, then its governors. Complaints about the local authority go through its
            complaints procedure, and then to the Local Government and Social Care Ombudsman. The
            [advice and support service](/information/advice-and-support) can help you at every step.
            """,
            ["complaints-and-appeals"], ["general-feedback-and-review"], reviewed),
        new("personal-budgets", "Personal budgets",
            "What a personal budget is, how it can be paid, and what it can and cannot buy.",
            """
            A personal budget is an amount of money the local authority sets aside to pay for some of the support in an EHC plan. You can
            ask for one when the plan is being drawn up or reviewed.

            # How it can be paid

            - a **direct payment**: money paid to you to buy the support yourself
            - an **organised arrangement** (sometimes called a notional budget): the local authority or school arranges the support
            - a **third-party arrangement**: another organisation manages the money for you
            - a mix of these

            A direct payment cannot pay for a place at a school or college.

            # What it can buy

            Personal budgets can have education, health and social care parts. Services you can pay for with a personal budget are marked
            in the Local Offer: [find them](/search?budgetEligible=true).
            """,
            ["personal-budgets"], ["general-funding"], reviewed),
    ];
}
