using Marketplace.Purchasing.Features.Shared;
using Marketplace.ServiceDefaults.Security;

namespace Marketplace.Purchasing.Features.Orders;

/// <summary>Who may see and move an order. Anyone else is told it was not found.</summary>
internal static class OrderAccess
{
    /// <summary>The user who placed it, or (for a school account) any member of that school's staff.</summary>
    public static bool IsBuyer(Caller caller, OrderRow order) =>
        order.BuyerUserId == caller.UserId
        || (order.Funding == "school-account" && caller.Is(MarketplaceRoles.School) && order.BuyerOrganisation is not null
            && order.BuyerOrganisation == caller.OrganisationId);

    public static bool MayRead(Caller caller, OrderRow order) =>
        IsBuyer(caller, order) || caller.ActsForProvider(order.ProviderId) || caller.IsOfficerOf(order.LocalAuthority);

    /// <summary>
    /// The payer records payment: the school for its own account, the holder for a direct payment, and the local
    /// authority (an officer of the order's LA) for an organised or third-party arrangement, which it pays itself.
    /// </summary>
    public static bool MayPay(Caller caller, OrderRow order) => order.Funding switch
    {
        "school-account" => IsBuyer(caller, order),
        _ when order.DeliveryMode == "direct-payment" => order.BuyerUserId == caller.UserId,
        _ => caller.IsOfficerOf(order.LocalAuthority),
    };

    /// <summary>The SQL filter matching <see cref="MayRead"/> for lists, over <c>orders o</c>.</summary>
    public const string ReadableSql =
        """
        (o.buyer_user_id = @UserId
         OR (@school AND o.funding = 'school-account' AND o.buyer_organisation = @OrganisationId)
         OR o.provider_id = @providerId
         OR (@officer AND o.local_authority = @LocalAuthority))
        """;

    public static object ReadableArgs(Caller caller) => new
    {
        caller.UserId,
        caller.OrganisationId,
        caller.LocalAuthority,
        school = caller.Is(MarketplaceRoles.School),
        officer = caller.Is(MarketplaceRoles.LaOfficer),
        providerId = caller.Role == MarketplaceRoles.Provider && Guid.TryParse(caller.OrganisationId, out var p) ? p : (Guid?)null,
    };
}
