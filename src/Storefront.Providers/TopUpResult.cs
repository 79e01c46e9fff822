namespace Storefront.Providers;

public sealed record TopUpResult(string Iccid, string? UpstreamReference);
