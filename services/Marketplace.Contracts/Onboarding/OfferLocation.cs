namespace Marketplace.Contracts.Onboarding;

/// <summary>Where an offer is delivered in person. Coordinates are WGS84.</summary>
public sealed record OfferLocation(string AddressLine, string Town, string Postcode, double? Latitude, double? Longitude);
