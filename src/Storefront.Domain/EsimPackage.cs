namespace Storefront.Domain;

/// <summary>A plan put on an eSIM: the wallet funding or data package bought with the order, or a later top-up.</summary>
public sealed class EsimPackage
{
    private EsimPackage() { }

    public EsimPackage(Guid esimId, PackageKind kind, string name, decimal? fundAmountUsd, decimal? dataGb, int? validityDays,
        string? upstreamPackageId, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        EsimId = esimId;
        Kind = kind;
        Name = name;
        FundAmountUsd = fundAmountUsd;
        DataGb = dataGb;
        ValidityDays = validityDays;
        UpstreamPackageId = upstreamPackageId;
        AttachedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid EsimId { get; private set; }
    public PackageKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public decimal? FundAmountUsd { get; private set; }
    public decimal? DataGb { get; private set; }
    public int? ValidityDays { get; private set; }
    public string? UpstreamPackageId { get; private set; }
    public DateTimeOffset AttachedAt { get; private set; }
}
